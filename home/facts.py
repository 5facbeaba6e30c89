"""A fact lives once: every translation of a page (or snippet) shares it.

A page model says which of its fields are text (translated) and which are
facts (capacity, prices, dates, venue...) in wagtail-localize's
`translatable_fields`, built with `text()` and `facts()` below. Facts are
synchronised fields a translator cannot override.

wagtail-localize copies facts only when someone syncs the translations. So
publishing any version of a page also shares its source's facts with every
translation at once (`share_facts`, on `page_published`): the live rows and
their latest revisions (what editors open next). The source is the version in
the default language (or the oldest one): it owns the seats, and what must be
exact (seats, registration, prices charged, deadlines) is read from it
(`source_of`, `sources_of`). Translatable snippets (venues, speakers,
partners) share their facts (a logo, a photo, a map link) on every save.
"""

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from taggit.managers import TaggableManager
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.signals import page_published
from wagtail_localize.fields import SynchronizedField, TranslatableField


def text(*names: str) -> list:
    """Fields a translator translates."""
    return [TranslatableField(name) for name in names]


def facts(*names: str) -> list:
    """Fields every translation shares, copied from the source, never overridden."""
    return [SynchronizedField(name, overridable=False) for name in names]


# What every page has: its title and search snippet are text; whether it shows in
# menus is a fact. Each model adds `slug` as text or, for one address in every
# language, as a fact.
PAGE_TEXT = text("title", "seo_title", "search_description")
PAGE_FACTS = facts("show_in_menus")


def fact_names(model) -> list[str]:
    return [
        item.field_name
        for item in getattr(model, "translatable_fields", [])
        if isinstance(item, SynchronizedField) and not item.overridable
    ]


def translated_reference_names(model) -> list[str]:
    """Translated fields that point at a translatable snippet (which venue)."""
    names = []
    for item in getattr(model, "translatable_fields", []):
        if not isinstance(item, TranslatableField):
            continue
        field = model._meta.get_field(item.field_name)
        related = getattr(field, "related_model", None)
        if (
            isinstance(field, models.ForeignKey)
            and related is not None
            and issubclass(related, TranslatableMixin)
            and not issubclass(related, Page)
        ):
            names.append(item.field_name)
    return names


# --- the source -------------------------------------------------------------------


def _pick_source(versions, default_locale_id):
    """The default language's version, else the oldest (as seats are locked)."""
    versions = sorted(versions, key=lambda page: page.pk)
    return next(
        (page for page in versions if page.locale_id == default_locale_id),
        versions[0] if versions else None,
    )


SOURCE_ATTR = "facts_source"
_DEFAULT_LOCALE_IDS: dict = {}


def default_locale_id() -> int | None:
    """The default language's Locale id, looked up once per database.

    A stale id can only make a page look like a translation, which costs the
    query below, never a wrong answer (ids of a deleted locale are not reused
    while the process runs)."""
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    key = (connection.settings_dict["NAME"], code)
    if key not in _DEFAULT_LOCALE_IDS:
        found = Locale.objects.filter(language_code=code).values_list("pk", flat=True)
        if not found:
            return None
        _DEFAULT_LOCALE_IDS[key] = found[0]
    return _DEFAULT_LOCALE_IDS[key]


def sources_of(pages) -> dict:
    """{translation_key: source page} for `pages` (one model), in one query.

    A page that is its own source is returned as given (a previewed revision
    keeps its unsaved facts).
    """
    pages = list(pages)
    if not pages:
        return {}
    known = {
        page.translation_key: page.__dict__[SOURCE_ATTR]
        for page in pages
        if SOURCE_ATTR in page.__dict__
    }
    # A page in the default language is its own source: no query for it.
    default_id = default_locale_id()
    for page in pages:
        if page.locale_id == default_id and page.translation_key not in known:
            known[page.translation_key] = page
    if len(known) == len({page.translation_key for page in pages}):
        return known
    model = type(pages[0])
    given = {page.pk: page for page in pages}
    keys = {page.translation_key for page in pages}
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    found = {
        page.translation_key: page
        for page in model.objects.filter(
            translation_key__in=keys, locale__language_code=default
        )
    }
    missing = keys - found.keys()
    if missing:
        # Never translated into the default language: the oldest version.
        for page in model.objects.filter(translation_key__in=missing).order_by("-pk"):
            found[page.translation_key] = page
    sources = {key: given.get(page.pk, page) for key, page in found.items()}
    # One render asks several times (the page, its seats, its form): once is
    # enough for the life of these objects.
    for page in pages:
        if page.translation_key in sources:
            page.__dict__[SOURCE_ATTR] = sources[page.translation_key]
    return sources


def source_of(page):
    """The version of `page` that owns its facts (itself when it is the source)."""
    return sources_of([page]).get(page.translation_key) or page


def with_source_facts(page):
    """`page` with its source's plain facts (in memory): what is sold is shown.

    For pages that sell or enforce something (price, seats, deadlines): even a
    translation that missed a share shows the source's values. Relations
    (speakers, tags, languages) are left as they are.
    """
    source = source_of(page)
    if source is page or source.pk == page.pk:
        return page
    for name in fact_names(type(page)):
        field = type(page)._meta.get_field(name)
        if field.concrete and not field.many_to_many and name != "slug":
            setattr(page, field.attname, getattr(source, field.attname))
    return page


# --- sharing ----------------------------------------------------------------------


def _in_locale(obj, locale):
    """The translation of a snippet in `locale`, else the snippet itself."""
    if obj is None or not isinstance(obj, TranslatableMixin):
        return obj
    if obj.locale_id == locale.pk:
        return obj
    return obj.get_translation_or_none(locale) or obj


def copy_facts(source, target) -> list[str]:
    """Copy the facts of `source` onto `target` (in memory); the names to save."""
    model = type(source)
    saved = []
    for name in fact_names(model):
        field = model._meta.get_field(name)
        if isinstance(field, TaggableManager):
            getattr(target, name).set(list(getattr(source, name).all()), clear=True)
            # Saved through the child relation that holds the tagged items.
            saved.extend(
                relation.get_accessor_name()
                for relation in get_all_child_relations(model)
                if relation.related_model is field.through
            )
        elif isinstance(field, ParentalManyToManyField):
            setattr(target, name, list(getattr(source, name).all()))
            saved.append(name)
        elif field.one_to_many and isinstance(field.remote_field, ParentalKey):
            _copy_children(source, target, field)
            saved.append(name)
        else:
            setattr(target, field.attname, getattr(source, field.attname))
            saved.append(name)
    for name in translated_reference_names(model):
        setattr(target, name, _in_locale(getattr(source, name), target.locale))
        saved.append(name)
    return saved


def _copy_children(source, target, relation) -> None:
    """The child rows of `source`, their snippets in the target's language."""
    child_model = relation.related_model
    parent_name = relation.remote_field.name
    copies = []
    for child in getattr(source, relation.name).all():
        values = {}
        for field in child_model._meta.concrete_fields:
            if field.primary_key or field.name == parent_name:
                continue
            if isinstance(field, models.ForeignKey):
                values[field.name] = _in_locale(
                    getattr(child, field.name), target.locale
                )
            else:
                values[field.attname] = getattr(child, field.attname)
        copies.append(child_model(**values))
    setattr(target, relation.name, copies)


def _share_with(source, translation) -> None:
    target = translation.specific
    names = copy_facts(source, target)
    if not names:
        return
    if "slug" in names:
        names.append("url_path")  # Page.save recomputes it for a new slug
    target.save(clean=False, update_fields=names)
    revision = target.latest_revision
    if revision is not None:
        # What editors open next (and publish) carries the facts too.
        draft = revision.as_object()
        copy_facts(source, draft)
        revision.content = draft.serializable_data()
        revision.save(update_fields=["content"])


def share_facts(page) -> int:
    """Give every translation of `page` the live facts of its source.

    Changes the translations' live rows and latest revisions in one
    transaction; returns how many translations it changed.
    """
    page = page.specific
    model = type(page)
    if not fact_names(model) and not translated_reference_names(model):
        return 0
    with transaction.atomic():
        versions = list(
            model.objects.select_for_update()
            .filter(translation_key=page.translation_key)
            .order_by("pk")
        )
        source = _pick_source(versions, Locale.get_default().pk)
        if source is None:
            return 0
        others = [version for version in versions if version.pk != source.pk]
        for translation in others:
            _share_with(source, translation)
    return len(others)


def on_page_published(sender, instance, **kwargs) -> None:
    share_facts(instance)


def share_snippet_facts(instance) -> int:
    """Give every translation of a snippet (a venue, a partner) its source's facts.

    Snippets have no publishing: this runs on every save. Plain fields only
    (a photo, a logo, a map link); returns how many translations it changed.
    """
    model = type(instance)
    names = [
        name
        for name in fact_names(model)
        if model._meta.get_field(name).concrete
        and not model._meta.get_field(name).many_to_many
    ]
    if not names:
        return 0
    versions = model.objects.filter(translation_key=instance.translation_key)
    source = _pick_source(list(versions), Locale.get_default().pk)
    if source is None:
        return 0
    values = {
        model._meta.get_field(name).attname: getattr(
            source, model._meta.get_field(name).attname
        )
        for name in names
    }
    for attname, value in values.items():
        setattr(instance, attname, value)
    # update(): no save signals, so no loop; the save that got here retires caches.
    return versions.exclude(pk=source.pk).update(**values)


def on_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or isinstance(instance, Page) or not isinstance(instance, TranslatableMixin):
        return
    share_snippet_facts(instance)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="share-page-facts")
    post_save.connect(on_save, dispatch_uid="share-snippet-facts")


# --- repairing translations that drifted (data migrations) -------------------------


def repair_translations(
    apps,
    label: str,
    *,
    fields=(),
    references=(),
    many=(),
    children=(),
) -> int:
    """Copy the facts of each source page (or snippet) onto its translations.

    For data migrations: works on the migration's historical models, with the field lists frozen in
    the migration: `fields` copied as they are, `references` (foreign keys to
    translatable snippets) to the snippet's translation in the target's
    language, `many` (many-to-many) and `children` (`(model label, parent
    field)`, e.g. speakers or tags), whose foreign keys to translatable snippets
    are mapped the same way. Each translation's latest revision gets them too.
    Returns how many translations it changed.
    """
    from modelcluster.models import get_serializable_data_for_fields

    model = apps.get_model(label)
    Revision = apps.get_model("wagtailcore", "Revision")
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    versions: dict = {}
    for page in model.objects.select_related("locale").order_by("pk"):
        versions.setdefault(page.translation_key, []).append(page)

    def in_locale(related, pk, locale_id):
        if pk is None or not hasattr(related, "translation_key"):
            return pk
        obj = related.objects.filter(pk=pk).first()
        if obj is None:
            return pk
        mapped = related.objects.filter(
            translation_key=obj.translation_key, locale_id=locale_id
        ).first()
        return mapped.pk if mapped else pk

    changed = 0
    for pages in versions.values():
        if len(pages) < 2:
            continue
        source = next((p for p in pages if p.locale.language_code == default), pages[0])
        for target in pages:
            if target.pk == source.pk:
                continue
            content = {}
            for name in fields:
                field = model._meta.get_field(name)
                setattr(target, field.attname, getattr(source, field.attname))
            for name in references:
                field = model._meta.get_field(name)
                setattr(
                    target,
                    field.attname,
                    in_locale(
                        field.related_model,
                        getattr(source, field.attname),
                        target.locale_id,
                    ),
                )
            names = [*fields, *references]
            if names:
                target.save(update_fields=names)
                data = get_serializable_data_for_fields(target)
                content.update({name: data[name] for name in names})
            for name in many:
                field = model._meta.get_field(name)
                through = field.remote_field.through
                own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
                ids = list(
                    through.objects.filter(**{own: source.pk}).values_list(
                        f"{other}_id", flat=True
                    )
                )
                through.objects.filter(**{own: target.pk}).delete()
                through.objects.bulk_create(
                    [through(**{f"{own}_id": target.pk, f"{other}_id": i}) for i in ids]
                )
                content[name] = ids
            for child_label, parent in children:
                child_model = apps.get_model(child_label)
                relation = child_model._meta.get_field(parent).remote_field.related_name
                child_model.objects.filter(**{parent: target}).delete()
                copies = []
                for child in child_model.objects.filter(**{parent: source}):
                    child.pk = None
                    setattr(child, f"{parent}_id", target.pk)
                    for field in child_model._meta.concrete_fields:
                        if (
                            isinstance(field, models.ForeignKey)
                            and field.name != parent
                        ):
                            setattr(
                                child,
                                field.attname,
                                in_locale(
                                    field.related_model,
                                    getattr(child, field.attname),
                                    target.locale_id,
                                ),
                            )
                    child.save()
                    copies.append(get_serializable_data_for_fields(child))
                content[relation] = copies
            revision_id = getattr(target, "latest_revision_id", None)  # snippets: none
            revision = Revision.objects.filter(pk=revision_id).first()
            if revision is not None and content:
                revision.content = {**revision.content, **content}
                revision.save(update_fields=["content"])
            changed += 1
    return changed
