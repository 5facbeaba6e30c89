"""Sign-up, registration and receipts link the terms of use and the privacy policy
(issue 21, item 8: "sign-up links to no privacy notice")."""

import pytest
from wagtail.models import Site

from events.models import Payment, Registration
from home.models import SiteSettings, StandardPage
from tests.events.fake_stripe import deliver, session_event
from tests.factories.events import make_event

pytestmark = pytest.mark.django_db

FORM = {"name": "Asha Rao", "email": "asha@example.in", "phone": ""}


@pytest.fixture
def policies(home):
    privacy = home.add_child(instance=StandardPage(title="Privacy policy", slug="pp"))
    terms = home.add_child(instance=StandardPage(title="Terms of use", slug="tou"))
    refunds = home.add_child(instance=StandardPage(title="Refunds", slug="rcp"))
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.privacy_page = privacy
    site_settings.terms_page = terms
    site_settings.refund_page = refunds
    site_settings.save()
    return privacy, terms


def _links(html):
    return ('href="/en/pp/"' in html or '/pp/"' in html) and '/tou/"' in html


def test_sign_up_links_the_terms_and_privacy_policy(client, policies):
    html = client.get("/accounts/signup/", follow=True).content.decode()
    assert "By continuing you accept the" in html and _links(html)


def test_registration_and_receipt_link_them(client, index, user, fake_stripe, policies):
    make_event(index, slug="paid", price_paise=50000)
    client.force_login(user)
    form = client.get("/events/paid/register/", follow=True).content.decode()
    assert "How we use your personal data" in form and _links(form)
    assert "Cancellations and refunds" in form and '/rcp/"' in form
    client.post("/events/paid/register/", FORM)
    registration = Registration.objects.get(user=user)
    deliver(client, session_event("checkout.session.completed", Payment.objects.get()))
    html = client.get(f"/registrations/{registration.uuid}/receipt/").content.decode()
    assert _links(html) and '/rcp/"' in html
