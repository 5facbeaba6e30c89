"""Anonymised review: who the applicant is never reaches its reviewers.

A programme lists what identifies an applicant (names, email addresses, web
sites) and `identifying_terms` turns them into terms; cohorts does it in
`cohorts.anonymity.redaction_terms`. `redact(text, terms=...)` replaces each, case-insensitively and as a whole word
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


def identifying_terms(*, titles=(), names=(), emails=(), websites=()) -> list[str]:
    """The terms to redact, longest first: each title (an organisation's name)
    whole; each person's name whole and its longer parts; each email address
    and its domain; each web site, its host name and the host's first label
    when long enough."""
    terms = {" ".join((title or "").split()) for title in titles}
    # Empty names, addresses and sites add "", which the last line drops.
    for name in names:
        name = " ".join((name or "").split())
        terms.add(name)
        terms.update(part for part in name.split() if len(part) >= _MIN_PART)
    for email in emails:
        email = email or ""
        terms.add(email)
        terms.add(email.rpartition("@")[2])
    for website in websites:
        website = website or ""
        terms.add(website.rstrip("/"))
        host = _host(website)
        terms.add(host)
        label = host.split(".")[0]
        if len(label) >= _MIN_PART:
            terms.add(label)
    return sorted((t for t in terms if t), key=len, reverse=True)


def _pattern(terms) -> re.Pattern | None:
    # A blank term would match the empty string between any two non-letters.
    words = [words for words in (t.split() for t in terms) if words]
    phrases = [_BETWEEN.join(re.escape(word) for word in w) for w in words]
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
