"""Every field of every page model is either text a translator translates or a
fact every translation shares (DESIGN: "a fact lives once").

The walk covers each Page subclass of our apps, and every concrete field,
many-to-many and child relation on it. A field passes when the model declares
it (wagtail-localize's `translatable_fields`, not its guesses) as:
- a TranslatableField on text (char or text without choices, rich text, stream),
  or on a reference to a translatable snippet (the same venue, in the reader's
  language);
- a SynchronizedField a translator cannot override (`overridable=False`).
Anything else must be in ALLOWED below, with the reason.
"""

import pytest
from django.apps import apps
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

OUR_APPS = {"home", "cohorts", "events", "resources", "responsible", "coe_site"}

# Wagtail's bookkeeping of each page in each language: the tree, revisions,
# publishing and its schedule, locks, ownership. None of it is content.
PAGE_BOOKKEEPING = {
    "id": "the row",
    "page_ptr": "the row",
    "path": "the tree",
    "depth": "the tree",
    "numchild": "the tree",
    "url_path": "the tree",
    "translation_key": "what ties the translations together",
    "locale": "what tells the translations apart",
    "content_type": "the row's model",
    "alias_of": "aliases mirror a page whole",
    "latest_revision": "revisions of this translation",
    "live_revision": "revisions of this translation",
    "latest_revision_created_at": "revisions of this translation",
    "draft_title": "the draft of this translation's title",
    "live": "each translation is published on its own",
    "has_unpublished_changes": "each translation is published on its own",
    "first_published_at": "each translation is published on its own",
    "last_published_at": "each translation is published on its own",
    "go_live_at": "each translation's own publishing schedule",
    "expire_at": "each translation's own publishing schedule",
    "expired": "each translation's own publishing schedule",
    "locked": "editing locks are per translation",
    "locked_at": "editing locks are per translation",
    "locked_by": "editing locks are per translation",
    "owner": "who created this translation",
    "wagtail_admin_comments": "editors' comments on this translation",
}

# (model label, field name): why the field may be neither.
ALLOWED = {
    ("home.HomePage", "hero_image"): (
        "decoration, not a fact of a thing: a translation may use a picture "
        "with words in its own language (overridable)"
    ),
    ("cohorts.CohortPage", "rubric_criteria"): (
        "staff-only; selection scores against the rubric of the cohort in the "
        "default language (CohortPage.canonical)"
    ),
    ("events.EventPage", "tagged_items"): "the rows behind `tags`, a fact",
}

TEXT_FIELDS = (models.CharField, models.TextField, RichTextField, StreamField)


def page_models():
    return sorted(
        (
            model
            for model in apps.get_models()
            if issubclass(model, Page) and model._meta.app_label in OUR_APPS
        ),
        key=lambda model: model._meta.label,
    )


def snippet_models():
    """Translatable models of ours that are not pages (venues, partners...)."""
    return sorted(
        (
            model
            for model in apps.get_models()
            if issubclass(model, TranslatableMixin)
            and not issubclass(model, Page)
            and model._meta.app_label in OUR_APPS
        ),
        key=lambda model: model._meta.label,
    )


def walked_fields(model):
    """Concrete fields, many-to-manys and child relations (inline panels)."""
    for field in model._meta.get_fields():
        if field.concrete or field.many_to_many:
            yield field
        elif field.one_to_many and isinstance(field.remote_field, ParentalKey):
            yield field


def is_text(field) -> bool:
    return isinstance(field, TEXT_FIELDS) and not getattr(field, "choices", None)


def is_translated_reference(field) -> bool:
    related = getattr(field, "related_model", None)
    return (
        isinstance(field, models.ForeignKey)
        and related is not None
        and issubclass(related, TranslatableMixin)
        and not issubclass(related, Page)
    )


def own_declaration(model) -> list:
    """`translatable_fields` as declared by the model or an abstract base of
    ours (home.models.ListingIndexPage), never one inherited from Wagtail."""
    for klass in model.__mro__:
        if klass.__module__.startswith("wagtail"):
            break
        if "translatable_fields" in klass.__dict__:
            return klass.__dict__["translatable_fields"]
    return []


def verdict(model, field) -> str | None:
    """None when the field passes, else what is wrong with it."""
    if field.name in PAGE_BOOKKEEPING or (model._meta.label, field.name) in ALLOWED:
        return None
    declared = {item.field_name: item for item in own_declaration(model)}
    item = declared.get(field.name)
    if item is None:
        return "neither translatable text nor a shared fact (not declared)"
    if type(item) is TranslatableField:
        if is_text(field) or is_translated_reference(field):
            return None
        return "translated, but it is not text: make it a SynchronizedField"
    if type(item) is SynchronizedField:
        if item.overridable:
            return "a fact a translator can override: overridable=False"
        return None
    return f"declared as {item!r}"


def test_page_and_snippet_models_are_found():
    labels = {model._meta.label for model in page_models()}
    assert {"home.HomePage", "events.EventPage", "cohorts.CohortPage"} <= labels
    snippets = {model._meta.label for model in snippet_models()}
    assert {"home.Partner", "events.Venue", "events.Speaker"} <= snippets


@pytest.mark.parametrize(
    "model", page_models() + snippet_models(), ids=lambda m: m._meta.label
)
def test_every_page_field_is_text_or_a_shared_fact(model):
    wrong = {
        field.name: problem
        for field in walked_fields(model)
        if (problem := verdict(model, field))
    }
    assert wrong == {}, f"{model._meta.label}: {wrong}"


@pytest.mark.parametrize(
    "model", page_models() + snippet_models(), ids=lambda m: m._meta.label
)
def test_declared_fields_exist(model):
    names = {field.name for field in walked_fields(model)}
    declared = [
        item.field_name for item in model.__dict__.get("translatable_fields", [])
    ]
    assert sorted(set(declared) - names) == []
    assert len(declared) == len(set(declared)), "declared twice"


def test_allow_list_names_real_fields():
    for label, name in ALLOWED:
        model = apps.get_model(label)
        assert name in {field.name for field in walked_fields(model)}, (label, name)


def test_event_and_cohort_facts_are_shared():
    """The facts the issue names, spelled out: a rule change cannot drop them."""
    event = apps.get_model("events.EventPage")
    cohort = apps.get_model("cohorts.CohortPage")
    expected = {
        event: [
            "capacity",
            "price_paise",
            "start",
            "end",
            "registration_opens",
            "registration_closes",
            "needs_approval",
            "waitlist_enabled",
            "offer_hours",
            "cancellation_deadline",
            "format",
            "status",
            "online_url",
            "languages",
            "tags",
            "registration_required",
            "event_speakers",
            "hero_image",
        ],
        cohort: [
            "applications_open_at",
            "applications_close_at",
            "selection_announced_on",
            "programme_starts_on",
            "programme_ends_on",
            "compute_gpu_hours",
            "places",
            "anonymised_review",
            "image",
        ],
    }
    for model, names in expected.items():
        declared = {
            item.field_name: item
            for item in model.__dict__.get("translatable_fields", [])
        }
        for name in names:
            item = declared.get(name)
            assert type(item) is SynchronizedField and not item.overridable, (
                model._meta.label,
                name,
            )
    # Which venue and which type are facts too: the same snippet, translated.
    declared = {item.field_name: item for item in event.__dict__["translatable_fields"]}
    for name in ("venue", "event_type"):
        assert type(declared[name]) is TranslatableField, name


def test_a_partner_logo_changed_in_english_changes_in_every_language(db):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Locale

    from home.models import Partner

    partner = Partner.objects.create(name="Open Lab", url="https://a.example.in")
    other = Locale.objects.get_or_create(language_code="hi")[0]
    translated = partner.copy_for_translation(other)
    translated.name = "ओपन लैब"
    translated.save()
    logo = Image.objects.create(title="logo", file=get_test_image_file())
    partner.logo = logo
    partner.url = "https://b.example.in"
    partner.save()
    translated.refresh_from_db()
    assert (translated.logo, translated.url, translated.name) == (
        logo,
        "https://b.example.in",
        "ओपन लैब",
    )
    # A translation saved with other facts gets the source's back.
    translated.url = "https://elsewhere.example"
    translated.save()
    translated.refresh_from_db()
    assert translated.url == "https://b.example.in"
