"""The apply flow as a newcomer meets it (issue 12, items 10 and 11)."""

from django.utils import translation

from cohorts.enums import ApplicationStatus
from cohorts.forms import StartupForm
from tests.factories.cohorts import ApplicationFactory


def my_parts(client, page) -> str:
    """A signed-in visitor's own parts of `page` (js/me.js puts them in)."""
    return "".join(client.get(f"/me.json?page={page.pk}").json()["parts"].values())


def test_cohort_page_offers_to_continue_a_draft(client, application, user):
    client.force_login(user)
    html = my_parts(client, application.cohort)
    assert "Continue your application" in html
    assert "Apply now" not in html


def test_cohort_page_links_a_submitted_application(client, cohort, user, startup):
    submitted = ApplicationFactory(
        cohort=cohort, startup=startup, status=ApplicationStatus.SUBMITTED
    )
    client.force_login(user)
    html = my_parts(client, cohort)
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


PARTIAL_PROFILE = {
    "startup-name": "Vaani Labs",
    "startup-city": "",
    "startup-team_size": "",
    "founders-TOTAL_FORMS": "1",
    "founders-INITIAL_FORMS": "0",
    "founders-MIN_NUM_FORMS": "0",
    "founders-MAX_NUM_FORMS": "8",
    "founders-0-name": "Sita Hansda",
    "founders-0-email": "",
    "founders-0-role": "",
}


def test_save_draft_keeps_a_partial_profile_and_submit_still_checks_it(
    client, user, cohort
):
    from cohorts import services
    from cohorts.models import Application

    client.force_login(user)
    response = client.post(
        f"/cohorts/{cohort.slug}/apply/", {**PARTIAL_PROFILE, "save_draft": "1"}
    )
    assert response.status_code == 302
    application = Application.objects.get()
    startup = application.startup
    assert (startup.name, startup.city, startup.team_size) == ("Vaani Labs", "", 1)
    assert startup.founders.get().name == "Sita Hansda"
    # Back on step 1, what was typed is there; continuing asks for the rest.
    assert response["Location"].endswith("/startup/")
    step = f"/cohorts/{cohort.slug}/apply/{application.uuid}/startup/"
    assert 'value="Vaani Labs"' in client.get(step).content.decode()
    data = {
        **PARTIAL_PROFILE,
        "founders-INITIAL_FORMS": "1",
        "founders-0-id": str(startup.founders.get().pk),
        "founders-0-startup": str(startup.pk),
        "version": str(startup.version),
        "continue": "1",
    }
    assert client.post(step, data).status_code == 400
    # Submitting names what the profile still lacks.
    messages = [p["message"] for p in services.application_problems(application)]
    assert any("city" in str(m) for m in messages), messages
    assert any("founder" in str(m).lower() for m in messages), messages


def test_save_draft_still_needs_a_name(client, user, cohort):
    from cohorts.models import Startup

    client.force_login(user)
    data = {**PARTIAL_PROFILE, "startup-name": "", "save_draft": "1"}
    response = client.post(f"/cohorts/{cohort.slug}/apply/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Sita Hansda"' in html
    assert html.count('class="field-error"') == 1
    assert not Startup.objects.exists()


def test_add_founder_button_comes_after_the_primary_button(client, user, cohort):
    client.force_login(user)
    html = client.get(f"/cohorts/{cohort.slug}/apply/").content.decode()
    form = html[html.index('class="apply-form"') :]
    # Enter in a field presses the first submit button: "Save and continue".
    assert form.index('name="continue"') < form.index('name="add_founder"')


def test_add_founder_saves_the_draft_and_offers_a_new_row(client, user, cohort):
    from cohorts.models import Application

    client.force_login(user)
    data = {**PARTIAL_PROFILE, "founders-0-email": "sita@vaani.example.in"}
    response = client.post(
        f"/cohorts/{cohort.slug}/apply/", {**data, "add_founder": "1"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/startup/#founder-2")
    application = Application.objects.get()
    html = client.get(response["Location"]).content.decode()
    assert 'value="sita@vaani.example.in"' in html
    assert 'id="founder-2"' in html
    assert 'name="founders-1-name"' in html
    # The same on step 1 of an existing draft.
    step = response["Location"].split("#")[0]
    founder = application.startup.founders.get()
    again = client.post(
        step,
        {
            **data,
            "founders-TOTAL_FORMS": "2",
            "founders-INITIAL_FORMS": "1",
            "founders-0-id": str(founder.pk),
            "founders-0-startup": str(application.startup.pk),
            "founders-1-name": "Ravi Murmu",
            "founders-1-email": "ravi@vaani.example.in",
            "version": str(application.startup.version),
            "add_founder": "1",
        },
    )
    assert again["Location"].endswith("/startup/#founder-3")
    assert application.startup.founders.count() == 2
