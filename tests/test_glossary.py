"""One voice per language: the product's terms are translated one way everywhere.

`locale/glossary.csv` has a row per English term (its forms separated by `|`) and,
per language, a column of accepted renderings and one of forbidden variants
(`hi`, `hi_forbidden`, `ta`, …). A language whose column is missing or empty for a
term is not checked for it. A catalogue entry that uses a term in another sense
says so in a translator comment: `# glossary-skip: event (a Stripe event)`.

Checked: every entry of every catalogue of ours (`**/locale/<lang>/LC_MESSAGES`),
and the framework messages (Django, allauth) that our forms show beside ours, as
the site resolves them at run time (our catalogues come first).
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "locale" / "glossary.csv"
SKIP_DIRS = {".venv", "node_modules", "staticfiles", "media", "private_media"}

# What Django and allauth say on our sign-up, sign-in, password and other forms.
# (msgid, plural msgid or None, a number for the plural form)
FRAMEWORK_MESSAGES = [
    ("This field is required.", None, 0),
    ("Enter a valid email address.", None, 0),
    ("Enter a valid URL.", None, 0),
    ("Enter a whole number.", None, 0),
    ("Enter a number.", None, 0),
    ("Enter a valid date.", None, 0),
    ("Enter a valid time.", None, 0),
    ("Enter a valid date/time.", None, 0),
    ("Select a valid choice. %(value)s is not one of the available choices.", None, 0),
    (
        "Select a valid choice. That choice is not one of the available choices.",
        None,
        0,
    ),
    ("Ensure this value is less than or equal to %(limit_value)s.", None, 0),
    ("Ensure this value is greater than or equal to %(limit_value)s.", None, 0),
    (
        "Ensure this value has at most %(limit_value)d character (it has "
        "%(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has "
        "%(show_value)d).",
        5,
    ),
    ("The submitted file is empty.", None, 0),
    ("No file was submitted. Check the encoding type on the form.", None, 0),
    ("Email", None, 0),
    ("Email address", None, 0),
    ("email address", None, 0),
    ("Password", None, 0),
    ("Password (again)", None, 0),
    ("Password confirmation", None, 0),
    ("New password", None, 0),
    ("The two password fields didn’t match.", None, 0),
    ("You must type the same password each time.", None, 0),
    ("The email address and/or password you specified are not correct.", None, 0),
    ("A user is already registered with this email address.", None, 0),
    ("Incorrect code.", None, 0),
    (
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
    ("This password is too common.", None, 0),
    ("This password is entirely numeric.", None, 0),
    ("The password is too similar to the %(verbose_name)s.", None, 0),
    ("AM", None, 0),
    ("PM", None, 0),
    ("a.m.", None, 0),
    ("p.m.", None, 0),
    ("December", None, 0),
]

PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}|<[^>]*>|&\w+;")


@dataclass(frozen=True)
class Term:
    forms: tuple[str, ...]
    pattern: re.Pattern
    accepted: dict  # language -> tuple of renderings, one of which must appear
    forbidden: dict  # language -> tuple of variants that must not appear


def load_glossary(path: Path = GLOSSARY) -> list[Term]:
    terms = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            forms = tuple(f.strip() for f in row["en"].split("|") if f.strip())
            alternatives = "|".join(re.escape(f) for f in forms)
            accepted, forbidden = {}, {}
            for column, value in row.items():
                if column in ("en", "note") or not value or not value.strip():
                    continue
                values = tuple(v.strip() for v in value.split("|") if v.strip())
                if column.endswith("_forbidden"):
                    forbidden[column.removesuffix("_forbidden")] = values
                else:
                    accepted[column] = values
            terms.append(
                Term(
                    forms=forms,
                    pattern=re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I),
                    accepted=accepted,
                    forbidden=forbidden,
                )
            )
    return terms


def glossary_languages(terms) -> set[str]:
    return {lang for term in terms for lang in term.accepted}


def problems(terms, lang: str, msgid: str, msgstr: str, skip=()) -> list[str]:
    """What is wrong with translating `msgid` as `msgstr` in `lang`."""
    if not msgstr:
        return []
    english = PLACEHOLDER.sub(" ", msgid)
    found = []
    for term in terms:
        if not term.pattern.search(english) or set(term.forms) & set(skip):
            continue
        accepted = term.accepted.get(lang, ())
        bad = [v for v in term.forbidden.get(lang, ()) if v in msgstr]
        if bad:
            found.append(f"{term.forms[0]!r} as {bad[0]!r}")
        elif accepted and not any(a in msgstr for a in accepted):
            found.append(f"{term.forms[0]!r} is not {' / '.join(accepted)}")
    return found


def skipped_terms(entry) -> list[str]:
    skip = []
    for line in (entry.tcomment or "").splitlines():
        if line.startswith("glossary-skip:"):
            names = line.removeprefix("glossary-skip:").split("(")[0]
            skip += [n.strip() for n in names.split(",") if n.strip()]
    return skip


def catalogues(lang: str) -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob(f"locale/{lang}/LC_MESSAGES/django.po"))
        if not SKIP_DIRS & set(path.relative_to(ROOT).parts)
    ]


def translated_languages() -> list[str]:
    source = settings.LANGUAGE_CODE.split("-")[0]
    return [code for code, _name in settings.LANGUAGES if code != source]


TERMS = load_glossary()


@pytest.mark.parametrize("lang", translated_languages())
def test_catalogues_use_the_glossary(lang):
    if lang not in glossary_languages(TERMS):
        pytest.skip(f"locale/glossary.csv has no column for {lang!r} yet")
    failures = []
    for path in catalogues(lang):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            skip = skipped_terms(entry)
            strings = [entry.msgstr] if entry.msgstr else []
            strings += [s for s in entry.msgstr_plural.values() if s]
            for msgstr in strings:
                for problem in problems(TERMS, lang, entry.msgid, msgstr, skip):
                    where = path.relative_to(ROOT).parts[0]
                    failures.append(f"[{where}] {entry.msgid[:60]!r}: {problem}")
    assert not failures, f"{len(failures)} glossary miss(es):\n" + "\n".join(failures)


@pytest.mark.parametrize("lang", translated_languages())
def test_framework_messages_on_our_forms_use_the_glossary(lang):
    """Django's and allauth's own messages, as the site shows them: translated,
    and in the glossary's words (our catalogue overrides theirs where needed)."""
    if lang not in glossary_languages(TERMS):
        pytest.skip(f"locale/glossary.csv has no column for {lang!r} yet")
    failures = []
    with translation.override(lang):
        for msgid, plural, number in FRAMEWORK_MESSAGES:
            if plural:
                shown = translation.ngettext(msgid, plural, number)
                english = plural if number != 1 else msgid
            else:
                shown = translation.gettext(msgid)
                english = msgid
            if shown == english and PLACEHOLDER.sub("", msgid).strip(" .").isascii():
                failures.append(f"{msgid!r} is not translated")
                continue
            for problem in problems(TERMS, lang, msgid, shown):
                failures.append(f"{msgid!r} shown as {shown!r}: {problem}")
    assert not failures, "\n".join(failures)


def test_the_check_flags_a_term_translated_another_way():
    terms = load_glossary()
    assert problems(terms, "hi", "Share on Email", "डाक पता पर साझा करें")
    assert problems(terms, "hi", "Password (again)", "शब्दकूट (दुबारा)")
    assert problems(terms, "hi", "Workshop", "Workshop")
    assert not problems(terms, "hi", "Password (again)", "पासवर्ड (दोबारा)")
    # Placeholders are not words: "%(email)s" is not the term "email".
    assert not problems(
        terms, "hi", "Signed in as %(email)s.", "%(email)s के रूप में साइन इन।"
    )
    assert not problems(terms, "hi", "Email", "डाक पता", skip=["email"]), (
        "a glossary-skip comment exempts the entry"
    )
