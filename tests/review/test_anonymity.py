"""identifying_terms and redact, with no programme behind them."""

from review.anonymity import identifying_terms, redact


def test_identifying_terms_keep_a_title_whole_and_split_peoples_names():
    terms = identifying_terms(
        titles=["  Nyaya   Anuvad "], names=["Kavitha  Ramaswamy", "Al K.", ""]
    )
    assert "Nyaya Anuvad" in terms
    # A title is one phrase: its words alone are ordinary words.
    assert "Nyaya" not in terms and "Anuvad" not in terms
    # A person's longer name parts are redacted alone; short ones are not.
    assert {"Kavitha Ramaswamy", "Kavitha", "Ramaswamy", "Al K."} <= set(terms)
    assert "Al" not in terms and "K." not in terms and "" not in terms


def test_identifying_terms_take_emails_with_their_domains_and_sites_with_hosts():
    terms = identifying_terms(
        emails=["kavitha@nyayaanuvad.in", ""],
        websites=["https://www.nyayaanuvad.in/", "", "ab.in", "bhasha.org/about"],
    )
    assert {
        "kavitha@nyayaanuvad.in",
        "nyayaanuvad.in",
        "https://www.nyayaanuvad.in",
        "nyayaanuvad",
        "ab.in",
        "bhasha.org/about",
        "bhasha.org",
        "bhasha",
    } == set(terms)
    # A host label shorter than four letters is not redacted on its own.
    assert "ab" not in terms


def test_identifying_terms_are_longest_first():
    terms = identifying_terms(titles=["Bhasha"], names=["Meera Bhashakar"])
    assert terms == sorted(terms, key=len, reverse=True)
    assert terms[0] == "Meera Bhashakar"


def test_redact_replaces_whole_words_of_any_script_only():
    terms = identifying_terms(titles=["Nyaya Anuvad", "न्याय"])
    text = "NYAYA ANUVAD, nyaya_anuvad.pdf, Nyayaanuvad, न्याय और न्यायालय"
    assert redact(text, terms=terms) == (
        "[redacted], [redacted].pdf, Nyayaanuvad, [redacted] और न्यायालय"
    )


def test_redact_without_terms_or_text():
    assert redact("Nyaya Anuvad", terms=[]) == "Nyaya Anuvad"
    assert redact("", terms=["x"]) == ""
    assert redact(None, terms=["x"]) == ""
    assert redact(42, terms=["4"]) == "42"


def test_identifying_terms_take_parts_and_host_labels_of_four_letters_or_more():
    terms = identifying_terms(
        names=["Ravi Ram", None], emails=[None], websites=["https://abcd.in", None]
    )
    assert {"Ravi Ram", "Ravi", "abcd.in", "https://abcd.in", "abcd"} == set(terms)
    assert "Ram" not in terms and "abc" not in terms


def test_identifying_terms_take_an_email_domain_of_its_own():
    assert identifying_terms(emails=["meera@iitm.ac.in"]) == [
        "meera@iitm.ac.in",
        "iitm.ac.in",
    ]


def test_redact_without_terms_leaves_punctuated_text_alone():
    assert redact("Hello, world! (yes)", terms=[]) == "Hello, world! (yes)"
    assert redact("Hello, world!", terms=["", "  "]) == "Hello, world!"
