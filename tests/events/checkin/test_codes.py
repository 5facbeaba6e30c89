"""Short ticket codes: typed loosely, a typo caught by the check character."""

import uuid

from events.checkin import codes


def test_a_new_code_is_eight_characters_without_look_alikes():
    for _ in range(200):
        code = codes.random_code()
        assert len(code) == 8
        assert not set(code) & set("ILOU")
        assert codes.is_valid(code)


def test_the_check_character_catches_every_single_typo():
    for code in [codes.random_code(), "0000000" + codes.check_character("0000000")]:
        for position in range(codes.LENGTH):
            for char in codes.ALPHABET:
                if char != code[position]:
                    typo = code[:position] + char + code[position + 1 :]
                    assert not codes.is_valid(typo), typo


def swapped_neighbours():
    """(code, position) for every pair of characters at every two neighbouring
    places of a code, the check character's included, around a fixed body."""
    filler = "7KQ2M9X"
    for position in range(codes.BODY - 1):
        for a in codes.ALPHABET:
            for b in codes.ALPHABET:
                body = filler[:position] + a + b + filler[position + 2 :]
                yield body + codes.check_character(body), position
    for a in codes.ALPHABET:  # the last character and the check character
        for b in codes.ALPHABET:
            body = filler[:5] + a + b
            yield body + codes.check_character(body), codes.BODY - 1


def test_the_check_character_catches_every_swap_of_neighbours_but_0_and_z():
    """Luhn mod 32, like Luhn's 09/90, cannot tell a swap of the characters
    worth 0 and 31 ("0" and "Z") apart; every other swap of two neighbours is
    caught. The check character cannot change (tickets are printed); such a
    swap almost surely matches no ticket, and the desk says so."""
    missed = set()
    for code, position in swapped_neighbours():
        swapped = (
            code[:position] + code[position + 1] + code[position] + code[position + 2 :]
        )
        if swapped != code and codes.is_valid(swapped):
            missed.add(frozenset(code[position : position + 2]))
    assert missed == {frozenset("0Z")}


# Worked by hand with Luhn mod 32 (Crockford values: 0-9, A=10 ... Y=30, Z=31):
# "0000001": the rightmost 1 doubled is 2, and (32 - 2) % 32 = 30, "Y";
# "ZZZZZZZ": four doubled Zs give 62 = 1 + 30 each, three single ones 31 each,
# 217 % 32 = 25, and 32 - 25 = 7.
PRINTED = {
    "0000000": "0",
    "0000001": "Y",
    "ZZZZZZZ": "7",
    "ABCDEFG": "G",
    "1234567": "M",
    "HJKMNPQ": "0",
    "Z0Z0Z0Z": "4",
    "7KQ2M9X": "1",
}


def test_the_check_character_of_printed_tickets_never_changes():
    """Tickets already printed must stay valid: the check character is Luhn mod
    32 exactly (another scheme that also catches typos would reject them)."""
    assert {body: codes.check_character(body) for body in PRINTED} == PRINTED
    for body, check in PRINTED.items():
        assert codes.is_valid(body + check)


def test_typing_is_forgiving():
    body = "AB1D0FG"
    code = body + codes.check_character(body)
    loose = f" ab{'l'}d-o{code[5:].lower()} "
    assert codes.short_form(loose) == code
    assert codes.short_form(codes.display(code)) == code
    assert codes.display(code) == f"{code[:4]}-{code[4:]}"
    # An old long code, as old tickets print it: groups of four.
    assert codes.display("ABCDEFGHJKMNPQRSTVWX") == "ABCD EFGH JKMN PQRS TVWX"
    assert codes.short_form("ABC") is None
    assert codes.short_form("ABCDEFG!") is None


def test_an_old_qr_holding_a_uuid_is_read():
    value = uuid.uuid4()
    assert codes.as_uuid(f" {value} ") == value
    assert codes.as_uuid("ABCD-EFGH") is None


def test_the_ticket_qr_is_a_full_qr_code_of_the_short_code():
    from events.registration_views import ticket_qr

    code = codes.random_code()
    qr = ticket_qr(code)
    # segno would pick a Micro QR for 8 characters: cameras do not read those.
    assert not qr.is_micro
