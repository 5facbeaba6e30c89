"""Ticket codes people can read out and type.

Eight characters from Crockford's base32 alphabet (no I, L, O or U): seven
random ones (35 bits) and a check character (Luhn mod 32), shown as
``ABCD-EFGH``. Typing is forgiving: case, spaces and hyphens do not matter,
and the look-alikes I/L (one) and O (zero) are read as Crockford reads them.
A wrong check character is a typo, not an unknown ticket.

Tickets issued before these codes keep their long base32 code (in
``Registration.legacy_ticket_code``), and old QR codes keep working.
"""

import secrets
import uuid

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY = 7
LENGTH = BODY + 1
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def check_character(body: str) -> str:
    """Luhn mod 32 over `body`: catches every single wrong character and every
    swap of two neighbours but one, "0Z" for "Z0" (the values 0 and 31, as
    Luhn's "09" for "90")."""
    total = 0
    factor = 2
    for char in reversed(body):
        addend = factor * _VALUE[char]
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def random_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY))
    return body + check_character(body)


def display(code: str) -> str:
    """``ABCD-EFGH`` for a short code; a long (legacy) code in groups of four."""
    if len(code) == LENGTH:
        return f"{code[:4]}-{code[4:]}"
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def squeeze(typed: str | None) -> str:
    """Upper case, without spaces or hyphens (how long legacy codes are stored)."""
    return "".join((typed or "").replace("-", " ").split()).upper()


def short_form(typed: str | None) -> str | None:
    """The short code `typed` stands for, or None when it cannot be one."""
    code = squeeze(typed).translate(_LOOKALIKES)
    if len(code) != LENGTH or any(char not in _VALUE for char in code):
        return None
    return code


def is_valid(code: str) -> bool:
    return check_character(code[:BODY]) == code[BODY]


def as_uuid(typed: str | None) -> uuid.UUID | None:
    """A registration's UUID, as some old QR codes held it."""
    try:
        return uuid.UUID((typed or "").strip())
    except ValueError:
        return None
