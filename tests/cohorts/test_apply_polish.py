"""The apply flow as a newcomer meets it (issue 12, items 10 and 11)."""

from django.utils import translation

from cohorts.enums import ApplicationStatus
from cohorts.forms import StartupForm
from tests.factories.cohorts import ApplicationFactory


def test_cohort_page_offers_to_continue_a_draft(client, application, user):
    client.force_login(user)
    html = client.get(application.cohort.url).content.decode()
    assert "Continue your application" in html
    assert "Apply now" not in html


def test_cohort_page_links_a_submitted_application(client, cohort, user, startup):
    submitted = ApplicationFactory(
        cohort=cohort, startup=startup, status=ApplicationStatus.SUBMITTED
    )
    client.force_login(user)
    html = client.get(cohort.url).content.decode()
    assert "View your application" in html
    assert str(submitted.uuid) in html
    assert "Apply now" not in html


def test_cohort_page_says_apply_now_to_strangers(client, application):
    html = client.get(application.cohort.url).content.decode()
    assert "Apply now" in html
    assert "Continue your application" not in html


def test_sign_in_reached_from_apply_says_what_it_is_for(client, cohort):
    response = client.get(f"/hi/cohorts/{cohort.slug}/apply/", follow=True)
    html = response.content.decode()
    assert response.request["PATH_INFO"] == "/hi/accounts/login/"
    assert f"समूह {cohort.slug} में आवेदन करने के लिए साइन इन करें" in html


def test_startup_form_labels_and_placeholders_are_consistent():
    with translation.override("en"):
        form = StartupForm()
        assert form.fields["website"].label == "Website"
        for name in ("state", "sector", "stage"):
            assert form.fields[name].choices[0] == ("", "Choose…"), name


def test_hindi_stage_and_step_are_different_words():
    with translation.override("hi"):
        stage = translation.gettext("Stage")
        step = translation.gettext("Step %(number)s") % {"number": 1}
    assert stage.split()[0] != step.split()[0]


def test_first_founder_is_prefilled_from_the_account(client, cohort):
    from tests.factories.home import VerifiedUserFactory

    founder = VerifiedUserFactory(first_name="Meera", last_name="Soren")
    client.force_login(founder)
    html = client.get(f"/cohorts/{cohort.slug}/apply/").content.decode()
    assert 'name="founders-0-name" value="Meera Soren"' in html
    assert f'name="founders-0-email" value="{founder.email}"' in html


def test_cohort_page_previews_its_questions(client, cohort):
    html = client.get(cohort.url).content.decode()
    assert "What the application asks" in html
    for question in cohort.question_list:
        assert question["label"] in html
