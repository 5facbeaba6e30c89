import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import Page, Workflow

from home.blocks import CallToActionBlock, CaptionedImageBlock
from home.models import HomePage, StandardPage
from tests.factories.home import totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]

# Each contract URL and something only the right answer contains.
CONTRACT_URLS = {
    "/": '<html lang="en"',
    "/hi/": '<html lang="hi"',
    "/search/?q=ai": 'name="q"',
    "/accounts/signup/": 'name="password2"',
    "/accounts/login/": 'name="login"',
    "/healthz": "ok",
    "/sitemap.xml": "<urlset",
    "/robots.txt": "Sitemap:",
}


@pytest.mark.parametrize(("url", "marker"), CONTRACT_URLS.items())
def test_contract_url_answers_200(client, seeded, url, marker):
    response = client.get(url)
    assert response.status_code == 200
    assert marker in response.content.decode()


def test_home_pages_have_language_attribute_and_hindi_ui(client, seeded):
    english = client.get("/").content.decode()
    hindi = client.get("/hi/").content.decode()
    assert '<html lang="en"' in english
    assert '<html lang="hi"' in hindi
    assert "हर भारतीय भाषा के लिए AI का निर्माण" in hindi
    assert "Skip to main content" not in hindi  # the UI is translated too
    assert "Skip to main content" in english


@pytest.mark.parametrize(
    ("url", "other"),
    [("/about/", "/hi/about/"), ("/hi/about/", "/about/"), ("/", "/hi/")],
)
def test_language_switch_links_to_the_same_page(client, seeded, url, other):
    html = client.get(url).content.decode()
    switch = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)
    assert f'href="{other}"' in switch


def test_language_switch_on_a_non_page_view_keeps_the_path(client, seeded):
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/hi/accounts/login/"' in html


def test_alternate_links_name_both_languages(client, seeded):
    html = client.get("/about/").content.decode()
    assert 'hreflang="en" href="http://testserver/about/"' in html
    assert 'hreflang="hi" href="http://testserver/hi/about/"' in html


def test_menu_lists_pages_shown_in_menus_in_the_active_language(client, seeded):
    english = client.get("/").content.decode()
    hindi = client.get("/hi/").content.decode()
    assert ">About the Centre</a>" in english
    assert ">केंद्र के बारे में</a>" in hindi


def test_footer_lists_policy_pages_and_grievance_officer(client, seeded):
    html = client.get("/hi/").content.decode()
    for title in [
        "गोपनीयता नीति",
        "उपयोग की शर्तें",
        "सुगम्यता कथन",
        "हाइपरलिंक नीति",
        "कॉपीराइट नीति",
    ]:
        assert title in html
    assert "grievance@coe.example.in" in html


def test_faq_block_works_without_javascript(client, seeded):
    html = client.get("/about/").content.decode()
    assert "<details" in html and "<summary>" in html


def test_pages_have_no_inline_scripts_or_styles(client, seeded):
    for url in ["/", "/hi/", "/about/", "/search/?q=ai", "/accounts/login/"]:
        html = client.get(url).content.decode()
        assert not re.search(
            r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", html
        ), url
        assert " style=" not in html, url


def test_public_pages_send_a_strict_content_security_policy(client, seeded):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_unknown_page_is_a_styled_404_in_the_right_language(client, seeded):
    english = client.get("/no-such-page/")
    hindi = client.get("/hi/no-such-page/")
    assert english.status_code == hindi.status_code == 404
    assert "Page not found" in english.content.decode()
    assert '<html lang="hi"' in hindi.content.decode()


def test_healthz_says_ok(client, db):
    response = client.get("/healthz")
    assert response.content == b"ok"


def test_robots_points_to_sitemap_and_keeps_crawlers_out_of_admin(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_sitemap_lists_pages_in_both_languages(client, seeded):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/about/</loc>" in xml
    assert "/hi/about/</loc>" in xml


def test_search_finds_pages_in_the_active_language(client, seeded):
    english = client.get("/search/", {"q": "priorities"}).content.decode()
    hindi = client.get("/hi/search/", {"q": "प्राथमिकताएँ"}).content.decode()
    assert 'href="/about/"' in english
    assert 'href="/hi/about/"' in hindi
    assert 'href="/hi/about/"' not in english


def test_search_with_bad_page_number_shows_a_page(client, seeded):
    first = client.get("/search/", {"q": "ai"}).content.decode()
    for page in ["abc", "999", "-1"]:
        response = client.get("/search/", {"q": "ai", "page": page})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'value="ai"' in html  # the search kept, a page of it shown
        assert ("search-result" in html) == ("search-result" in first)


def test_seed_demo_builds_both_languages(seeded):
    assert HomePage.objects.filter(locale__language_code="hi", live=True).exists()
    slugs = set(
        StandardPage.objects.filter(locale__language_code="hi").values_list(
            "slug", flat=True
        )
    )
    assert {"about", "privacy", "accessibility"} <= slugs
    # /resources/ is the resources library's index now (tests/resources).
    assert Page.objects.filter(locale__language_code="hi", slug="resources").exists()


def test_seed_demo_creates_users_only_when_asked(seeded, django_user_model):
    # `seeded` ran seed_demo without the flag (a second such run makes none
    # either: tests/events/test_seed.py).
    assert django_user_model.objects.count() == 0
    out = io.StringIO()
    call_command("seed_demo", "--demo-users", stdout=out)
    assert django_user_model.objects.filter(is_staff=True).count() == 1
    assert not django_user_model.objects.get(email="user@coe.example.in").is_staff
    assert "staff@coe.example.in" in out.getvalue()
    # Selection staff get their rights from groups, not from is_staff.
    for email, group in [
        ("reviewer@coe.example.in", "Reviewers"),
        ("manager@coe.example.in", "Selection managers"),
        ("editor@coe.example.in", "Editors"),
    ]:
        user = django_user_model.objects.get(email=email)
        assert not user.is_staff and user.groups.filter(name=group).exists()
        assert email in out.getvalue()
    from cohorts.models import Review

    comments = list(Review.objects.submitted().values_list("comment", flat=True))
    assert any("Santali" in c for c in comments)
    assert any("बोडो" in c for c in comments)


def test_moderation_workflow_is_on_for_the_whole_tree(db):
    workflow = Workflow.objects.get(active=True)
    assert workflow.workflow_pages.filter(page__depth=1).exists()


def test_image_block_requires_alt_text(db):
    block = CaptionedImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": None, "alt_text": "", "caption": ""}))


def test_call_to_action_needs_a_page_or_a_link(db):
    block = CallToActionBlock()
    value = block.to_python({"title": "Apply", "button_label": "Apply now"})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_user_signs_in_with_email_not_username(django_user_model, db):
    user = django_user_model.objects.create_user(
        email="Asha@Example.IN", password="x-y-z-1234"
    )
    assert user.email == "Asha@example.in"
    assert not hasattr(user, "username") or user.username is None
    admin = django_user_model.objects.create_superuser(
        email="root@example.in", password="p"
    )
    assert admin.is_staff and admin.is_superuser


def test_staff_signs_in_to_wagtail_admin_with_the_same_account(
    client, staff_user, password
):
    # Wagtail's own form hands over to the site's sign-in, which asks for the
    # second factor (tests/security/test_admin_mfa.py).
    assert client.get("/admin/login/")["Location"].startswith("/accounts/login/")
    client.post("/accounts/login/", {"login": staff_user.email, "password": password})
    client.post(
        "/accounts/2fa/authenticate/", {"code": totp_code(staff_user.totp_secret)}
    )
    assert client.get("/admin/").status_code == 200


def test_cached_menu_changes_when_a_page_is_published(client, seeded):
    assert ">About the Centre</a>" in client.get("/").content.decode()
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.title = "About us"
    about.save_revision().publish()
    html = client.get("/").content.decode()
    assert ">About us</a>" in html
    assert ">About the Centre</a>" not in html


def test_standard_page_queries_stay_few_with_the_frame_cached(
    client, seeded, django_assert_max_num_queries
):
    client.get("/about/")  # fills the cached menu and footer
    with django_assert_max_num_queries(12):
        client.get("/about/")


def test_devanagari_font_is_self_hosted(client, db):
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/fonts.css"), encoding="utf-8").read()
    for weight in (400, 700):
        name = f"fonts/noto-sans-devanagari-devanagari-{weight}-normal.woff2"
        assert f"../{name}" in css
        path = finders.find(name)
        assert path and open(path, "rb").read(4) == b"wOF2"
