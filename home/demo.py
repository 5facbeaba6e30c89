"""Helpers for building demo content idempotently, shared by every app's seed."""

import functools
import hashlib
import io
import random

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from .facts import share_facts


def get_locale(code: str) -> Locale:
    locale, _ = Locale.objects.get_or_create(language_code=code)
    return locale


def upsert_page(parent: Page, model, slug: str, **fields) -> Page:
    """Create or update a live child page of `parent` with this slug."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        changed = False
        for key, value in fields.items():
            if _field_value(page, key) != _field_value_from(value, page, key):
                setattr(page, key, value)
                changed = True
        if not changed and page.live and not page.has_unpublished_changes:
            return page
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def upsert_translation(page: Page, locale: Locale, **fields) -> Page:
    """Create or update the live translation of `page` in `locale`.

    Its facts are the source's (home.facts), even where it drifted before.
    """
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
        translated = translated.specific
        for key, value in fields.items():
            setattr(translated, key, value)
    else:
        translated = translated.specific
        changed = False
        for key, value in fields.items():
            if _field_value(translated, key) != _field_value_from(
                value, translated, key
            ):
                setattr(translated, key, value)
                changed = True
        if not changed and translated.live and not translated.has_unpublished_changes:
            share_facts(page)
            translated.refresh_from_db()
            return translated
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def _field_value(page, key):
    value = getattr(page, key)
    if hasattr(value, "raw_data"):  # StreamValue
        return _strip_ids(list(value.raw_data))
    if hasattr(value, "pk"):
        return value.pk
    return value


def _field_value_from(value, page, key):
    if isinstance(value, list):
        field = page._meta.get_field(key)
        stream = field.to_python(value)
        return _strip_ids(list(stream.raw_data))
    if hasattr(value, "pk"):
        return value.pk
    return value


def _strip_ids(data):
    if isinstance(data, dict):
        return {k: _strip_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_strip_ids(v) for v in data]
    return data


PALETTES = [
    ("#0b3d91", "#ff9933"),
    ("#138808", "#0b3d91"),
    ("#5b2a86", "#f2a541"),
    ("#a4161a", "#1a1a2e"),
    ("#006d77", "#e29578"),
    ("#3a0ca3", "#4cc9f0"),
]


def demo_image(title: str, width: int = 1200, height: int = 800):
    """A generated abstract image (no downloads), created once per title."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None and existing.file.storage.exists(existing.file.name):
        return existing
    slug = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:10]
    # A database seeded before, on a media folder without its files (another
    # server's, or restored without media), gets them back under the same row.
    image = existing or image_model(title=title)
    if existing is not None:
        existing.renditions.all().delete()
    png = io.BytesIO(_demo_png(title, width, height))
    image.file = ImageFile(png, name=f"demo-{slug}.png")
    image.save()
    return image


@functools.lru_cache(maxsize=64)
def _demo_png(title: str, width: int, height: int) -> bytes:
    """The image's PNG, drawn from a seed of its title: the same bytes every
    time, so a process draws and compresses each (about 0.15 s) only once."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    seed = int(hashlib.sha256(title.encode()).hexdigest()[:8], 16)
    rng = random.Random(seed)  # noqa: S311 -- decorative, not security
    start, end = PALETTES[seed % len(PALETTES)]
    canvas = PILImage.new("RGB", (width, height), start)
    draw = ImageDraw.Draw(canvas)
    end_rgb = tuple(int(end[i : i + 2], 16) for i in (1, 3, 5))
    for _ in range(14):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(height // 10, height // 2)
        alpha = rng.random() * 0.6 + 0.2
        colour = tuple(int(c * alpha + 255 * (1 - alpha) * 0.2) for c in end_rgb)
        draw.ellipse(
            (x - r, y - r, x + r, y + r), outline=colour, width=rng.randrange(4, 18)
        )
    for i in range(0, width, 60):
        draw.line((i, height, i + height // 2, 0), fill=end_rgb, width=1)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def record_translation(source, translated) -> None:
    """Tell wagtail-localize that `translated` already translates `source` (a
    snippet the demo wrote in both languages), so that its translation editor
    shows every field done and a sync keeps the translated text instead of
    writing the English back over it. Fields whose text is not a whole segment
    (rich text split into several) are left to the editor."""
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    locale = translated.locale
    source_record, _created = TranslationSource.update_or_create_from_instance(source)
    Translation.objects.get_or_create(
        source=source_record,
        target_locale=locale,
        defaults={"enabled": True},
    )
    segments = StringSegment.objects.filter(source=source_record).select_related(
        "string", "context"
    )
    for segment in segments:
        path = segment.context.path
        if "." in path or getattr(source, path, None) != segment.string.data:
            continue
        value = getattr(translated, path, None)
        if not isinstance(value, str) or not value:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": value},
        )
