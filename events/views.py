"""Thin views behind the event pages' routes, and their template context."""

import logging
from urllib.parse import quote, urlencode

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from taggit.models import Tag
from wagtail.images.models import SourceImageIOError

from home.caching import cached, generation
from home.facts import with_source_facts
from home.links import absolute_url
from home.listing_pages import json_ld, paginate, valid_filters
from home.models import SiteSettings
from home.privacy import public
from home.timefmt import format_range

from . import queries
from .calendar import build_calendar, google_calendar_url, location_text
from .enums import EventFormat, EventStatus
from .forms import EventFilterForm
from .models import EventPage, EventSpeaker, Topic
from .services import availability_for

logger = logging.getLogger("coe.events")

PAGE_SIZE = 12
FEED_LIMIT = 200
AVAILABILITY_LIST_LIMIT = 50


def without_empty_parameters(request) -> str | None:
    """The listing's address without its empty filters, when it has some.

    A GET form sends every field; the short address is the one to share.
    """
    pairs = [(key, value) for key, values in request.GET.lists() for value in values]
    kept = [(key, value) for key, value in pairs if value.strip()]
    if len(kept) == len(pairs):
        return None
    return f"{request.path}?{urlencode(kept)}" if kept else request.path


def event_listing_context(request, index_page) -> dict:
    # The same for every filter combination and page of the listing.
    choices = cached(
        f"event-choices:{index_page.pk}:{translation.get_language()}",
        lambda: queries.filter_choices(index_page),
    )
    form = EventFilterForm(request.GET, **choices)
    filters = valid_filters(form)
    events = queries.apply_filters(
        queries.listed_under(queries.card_queryset(), index_page), filters
    )
    listing = paginate(events, request, per_page=PAGE_SIZE, filters=filters)
    events = list(listing["page_obj"].object_list)
    return {
        **listing,
        "filter_form": form,
        "is_past": filters.get("when") == "past",
        # "Filters (2)" on phones: what narrows the list beyond the tab.
        "filter_count": len([name for name in filters if name != "when"]),
        "events": events,
        "availability": availability_for(events),
        "generation": generation(),
    }


SCHEMA_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}
SCHEMA_MODE = {
    EventFormat.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EventFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def event_schema(request, event, *, url: str, image_url: str | None) -> dict:
    tz = timezone.get_default_timezone()
    site_settings = SiteSettings.cached_for(request)
    places = []
    if event.format != EventFormat.ONLINE and event.venue is not None:
        venue = event.venue
        places.append(
            {
                "@type": "Place",
                "name": venue.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": venue.address.replace("\n", ", "),
                    "addressLocality": venue.city,
                    "addressRegion": venue.state,
                    "addressCountry": "IN",
                },
            }
        )
    if event.format != EventFormat.IN_PERSON:
        # The page, never the joining link: that is for confirmed attendees only.
        places.append({"@type": "VirtualLocation", "url": url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "inLanguage": [lang.code for lang in event.languages.all()],
        "startDate": event.start.astimezone(tz).isoformat(),
        "endDate": event.end.astimezone(tz).isoformat(),
        "eventStatus": SCHEMA_STATUS.get(event.status),
        "eventAttendanceMode": SCHEMA_MODE.get(event.format),
        "location": places[0] if len(places) == 1 else places,
        "organizer": {
            "@type": "Organization",
            "name": site_settings.organisation_name_in(),
            "url": absolute_url("/", request),
        },
        "performer": [
            {"@type": "Person", "name": speaker.name} for speaker in event.speakers
        ],
        "offers": {
            "@type": "Offer",
            "price": f"{event.price_paise / 100:.2f}",
            "priceCurrency": "INR",
            "url": url,
        },
    }
    if event.registration_opens:
        data["offers"]["validFrom"] = event.registration_opens.astimezone(
            tz
        ).isoformat()
    if image_url:
        data["image"] = [image_url]
    return data


def _load_related(request, event) -> None:
    """Everything the event page shows, in a fixed handful of queries."""
    unloaded = [
        name
        for name in ("event_type", "venue", "hero_image")
        if getattr(event, f"{name}_id")
        and not EventPage._meta.get_field(name).is_cached(event)
    ]
    if unloaded:
        # Routed pages come with these already; a previewed revision does not.
        related = (
            EventPage.objects.filter(pk=event.pk).select_related(*unloaded).first()
        )
        for name in unloaded:
            # Only what the page (or the previewed revision) really points to.
            if related and getattr(event, f"{name}_id") == getattr(
                related, f"{name}_id"
            ):
                setattr(event, name, getattr(related, name))
    images = [event.hero_image] if event.hero_image_id else []
    if getattr(request, "is_preview", False):
        # A previewed revision's relations live in memory.
        tags = list(event.tags.all())
        topic_names = dict(
            Topic.objects.filter(tag__in=tags, locale_id=event.locale_id).values_list(
                "tag_id", "name"
            )
        )
        event.topics = [(tag.slug, topic_names.get(tag.pk, tag.name)) for tag in tags]
    else:
        event.topics = list(
            Tag.objects.filter(events_eventpagetag_items__content_object=event)
            .annotate(local_name=queries.topic_name(event.locale_id))
            .order_by("name")
            .values_list("slug", "local_name")
        )
        prefetch_related_objects(
            [event],
            "languages",
            Prefetch(
                "event_speakers",
                queryset=EventSpeaker.objects.select_related("speaker__photo"),
            ),
        )
        images += [
            s.speaker.photo for s in event.event_speakers.all() if s.speaker.photo
        ]
    if images:
        # Every rendition on the page in one query.
        prefetch_related_objects(images, "renditions")


def event_detail_context(request, event) -> dict:
    with_source_facts(event)
    _load_related(request, event)
    page_url = event.get_url(request) or ""
    url = absolute_url(page_url, request)
    image_url = None
    if event.hero_image_id:
        try:
            og = event.hero_image.get_rendition("fill-1200x630|format-jpeg")
        except SourceImageIOError:
            # The image's file is gone (a database restored without its media):
            # the page goes on without a preview image, as {% image %} does.
            logger.warning(
                "event %s: hero image %s has no file", event.pk, event.hero_image_id
            )
        else:
            image_url = absolute_url(og.url, request)
    share_text = event.title
    return {
        "event": event,
        "event_availability": availability_for([event])[event.pk],
        "register_url": register_url(event, page_url),
        "listing_url": page_url[: -len(event.slug) - 1] if page_url else "",
        "full_url": url,
        "og_image_url": image_url,
        "location_text": location_text(event),
        "google_calendar_url": google_calendar_url(event, url),
        "share_links": [
            (
                "X",
                "https://twitter.com/intent/tweet?"
                + urlencode({"url": url, "text": share_text}),
            ),
            (
                "LinkedIn",
                "https://www.linkedin.com/sharing/share-offsite/?"
                + urlencode({"url": url}),
            ),
            (
                "WhatsApp",
                "https://wa.me/?" + urlencode({"text": f"{share_text} {url}"}),
            ),
            (_("Email"), f"mailto:?subject={quote(share_text)}&body={quote(url)}"),
        ],
        "json_ld": json_ld(event_schema(request, event, url=url, image_url=image_url)),
    }


def register_url(event, page_url: str) -> str | None:
    """The registration page's address, once an issue adds that route."""
    try:
        sub = event.reverse_subpage("register")
    except NoReverseMatch:
        return None
    return f"{page_url}{sub}" if page_url else None


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, event) -> HttpResponse:
    content = build_calendar([event], request=request, name=event.title)
    return _ics_response(content, f"{event.slug}.ics")


def upcoming_events(index_page, limit=FEED_LIMIT):
    events = public(EventPage.objects.live().child_of(index_page))
    return queries.upcoming(events.select_related("venue"))[:limit]


def feed_ics(request, index_page) -> HttpResponse:
    content = build_calendar(
        upcoming_events(index_page), request=request, name=index_page.title
    )
    return _ics_response(content, "events.ics")


def seats_json(events) -> dict:
    """Seats of `events` by page id, each with its badge's words in this language."""
    states = availability_for(events)
    result = {}
    for event in events:
        badge = render_to_string(
            "events/includes/seats_badge.html",
            {"event": event, "availability": states[event.pk]},
        )
        data = states[event.pk].as_json()
        data["label"] = " ".join(strip_tags(badge).split())
        result[event.pk] = data
    return result


@never_cache
def availability_json(request, event) -> JsonResponse:
    response = JsonResponse(seats_json([event])[event.pk])
    response["Access-Control-Allow-Origin"] = "*"
    return response


@never_cache
def availability_list_json(request, index_page) -> JsonResponse:
    """Seats of the listed events (`?id=` up to 50 times): cached pages' cards."""
    ids = {
        int(value)
        for value in request.GET.getlist("id")[:AVAILABILITY_LIST_LIMIT]
        if value.isdigit() and len(value) < 19
    }
    events = list(
        public(EventPage.objects.live().child_of(index_page)).filter(pk__in=ids)
    )
    response = JsonResponse({str(pk): data for pk, data in seats_json(events).items()})
    response["Access-Control-Allow-Origin"] = "*"
    return response


class UpcomingEventsFeed(Feed):
    """RSS of upcoming events in the page's language."""

    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return absolute_url(index_page.get_url(self.request) or "/", self.request)

    def description(self, index_page):
        return index_page.intro or _("Upcoming events")

    def items(self, index_page):
        return upcoming_events(index_page)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        when = format_range(item.start, item.end)
        return f"{item.summary} ({when}, {location_text(item)})"

    def item_link(self, item):
        return absolute_url(item.get_url(self.request) or "/", self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True


def personal_parts(request, event) -> dict[str, str]:
    """The signed-in visitor's own parts of an event page, for /me.json: the
    call to action with their registration ("You are registered", their
    ticket), when they have one. Event pages carry the one for everybody."""
    from .models import Registration
    from .templatetags.events_tags import cta_context

    registration = (
        Registration.objects.for_event(event).filter(user=request.user).active().first()
    )
    if registration is None:
        return {}
    context = cta_context(
        event, availability_for([event])[event.pk], registration=registration
    )
    return {"event-cta": render_to_string("events/includes/cta.html", context)}
