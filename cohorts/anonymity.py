"""Anonymised review: who the startup is never reaches its reviewers.

`redaction_terms(application)` lists what identifies the startup (its name, its
founders' and members' names and emails, its website and the site's host name);
`redact(text, terms=...)` replaces each, case-insensitively and as a whole word
or phrase, with "[redacted]". The review pages pass every field a reviewer reads
through it: answers, description, compute purpose and uploaded file names.
"""

import re
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

# A letter or digit of any script, with the combining marks of Indian scripts
# (a vowel sign ends no word). Underscore, hyphen and dot separate words, so
# "nyaya_anuvad.pdf" still names Nyaya Anuvad.
_WORD = r"(?:[^\W_]|[\u0300-\u036f\u0900-\u0dff])"
_BETWEEN = r"[\s_.\-]+"
# Name parts this short are too common to redact on their own ("Al", "K.").
_MIN_PART = 4


def _host(url: str) -> str:
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.")


def redaction_terms(application) -> list[str]:
    """Every name, address and email that identifies the application's startup."""
    startup = application.startup
    names = []
    emails = []
    for founder in startup.founders.all():
        names.append(founder.name)
        emails.append(founder.email)
    for membership in startup.memberships.select_related("user"):
        emails.append(membership.email)
        if membership.user_id:
            names.append(membership.user.get_full_name())
    if startup.owner_id:
        names.append(startup.owner.get_full_name())
        emails.append(startup.owner.email)
    terms = {" ".join(startup.name.split())}
    for name in names:
        name = " ".join((name or "").split())
        if not name:
            continue
        terms.add(name)
        terms.update(part for part in name.split() if len(part) >= _MIN_PART)
    for email in emails:
        if email:
            terms.add(email)
            terms.add(email.rpartition("@")[2])
    if startup.website:
        terms.add(startup.website.rstrip("/"))
        host = _host(startup.website)
        if host:
            terms.add(host)
            label = host.split(".")[0]
            if len(label) >= _MIN_PART:
                terms.add(label)
    return sorted((t for t in terms if t), key=len, reverse=True)


def _pattern(terms) -> re.Pattern | None:
    phrases = [_BETWEEN.join(re.escape(word) for word in t.split()) for t in terms]
    if not phrases:
        return None
    return re.compile(rf"(?<!{_WORD})(?:{'|'.join(phrases)})(?!{_WORD})", re.IGNORECASE)


def redact(text, *, terms) -> str:
    """`text` with each of `terms` (longest first) replaced by "[redacted]"."""
    if not text:
        return text or ""
    pattern = _pattern(sorted(terms, key=len, reverse=True))
    if pattern is None:
        return str(text)
    return pattern.sub(_("[redacted]"), str(text))
