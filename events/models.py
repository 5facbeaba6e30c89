"""Events: the index page, event pages and the snippets they use."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BodyBlock
from home.routing import ViewRestrictionsInOneQuery

from .blocks import AgendaBlock
from .enums import EventFormat, EventStatus

IST_HINT = _("India Standard Time (IST, UTC+5:30).")


class EventType(TranslatableMixin, models.Model):
    """Workshop, seminar, conference...: a list staff can extend."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_(
            "Used in the listing's address; keep it the same in every language."
        ),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event type")
        verbose_name_plural = _("event types")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_event_type_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class Topic(TranslatableMixin, models.Model):
    """How a topic tag on events reads in each language.

    Editors tag events freely; a topic gives a tag its name in a language (and
    translates like any snippet). A tag without one shows as typed.
    """

    tag = models.ForeignKey(
        "taggit.Tag",
        verbose_name=_("tag"),
        on_delete=models.CASCADE,
        related_name="topics",
        help_text=_("The tag as editors type it on events."),
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("tag"), FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "locale"], name="unique_topic_per_tag_and_locale"
            )
        ]

    def __str__(self):
        return self.name


class Venue(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"))
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state or union territory"), max_length=100)
    map_url = models.URLField(_("map link"), blank=True)
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("Step-free access, lifts, accessible toilets, hearing loops."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("state")]),
        FieldPanel("map_url"),
        FieldPanel("accessibility_notes"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["city", "name"]

    def __str__(self):
        return f"{self.name}, {self.city}"


class Speaker(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("biography"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("organisation")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Language(models.Model):
    """A language an event is delivered in (ISO 639-1 code)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name in English"), max_length=100)
    native_name = models.CharField(_("name in the language itself"), max_length=100)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("native_name"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return (
            self.native_name
            if self.native_name == self.name
            else (f"{self.native_name} ({self.name})")
        )


class EventIndexPage(ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index page")

    @path("feed.ics")
    def feed_ics(self, request):
        from .views import feed_ics

        return feed_ics(request, self)

    @path("feed.rss")
    def feed_rss(self, request):
        from .views import UpcomingEventsFeed

        return UpcomingEventsFeed()(request, index_page=self)

    def serve(self, request, *args, **kwargs):
        from .caching import serve_cached
        from .views import without_empty_parameters

        shorter = without_empty_parameters(request)
        if shorter is not None:
            return redirect(shorter)
        return serve_cached(self, request, super().serve, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .views import event_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_listing_context(request, self))
        return context


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EventPage(ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for cards.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    event_type = models.ForeignKey(
        EventType,
        verbose_name=_("event type"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=EventFormat.choices,
        default=EventFormat.IN_PERSON,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
    )
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"), db_index=True)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_url = models.URLField(
        _("online joining link"),
        blank=True,
        help_text=_("Never shown publicly; only confirmed attendees will see it."),
    )
    languages = ParentalManyToManyField(
        Language, verbose_name=_("languages"), blank=True, related_name="+"
    )
    tags = ClusterTaggableManager(
        verbose_name=_("topics"), through=EventPageTag, blank=True
    )
    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"), blank=True)

    registration_required = models.BooleanField(
        _("registration required"), default=True
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    price_paise = models.PositiveIntegerField(
        _("price (paise)"),
        default=0,
        help_text=_("In paise: 50000 is ₹500. 0 means free."),
    )
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True
    )
    needs_approval = models.BooleanField(_("needs approval"), default=False)
    waitlist_enabled = models.BooleanField(_("waitlist when full"), default=False)
    cancellation_deadline = models.DateTimeField(
        _("cancellation deadline"), null=True, blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_type"), FieldPanel("format")]),
                FieldPanel("status"),
                FieldRowPanel(
                    [
                        FieldPanel("start", help_text=IST_HINT),
                        FieldPanel("end", help_text=IST_HINT),
                    ]
                ),
                FieldPanel("venue"),
                FieldPanel("online_url"),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("When and where"),
        ),
        InlinePanel("event_speakers", label=_("Speakers")),
        FieldPanel("agenda"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration_required"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("price_paise")]),
                FieldRowPanel(
                    [
                        FieldPanel("registration_opens"),
                        FieldPanel("registration_closes"),
                    ]
                ),
                FieldPanel("needs_approval"),
                FieldPanel("waitlist_enabled"),
                FieldPanel("cancellation_deadline"),
            ],
            heading=_("Registration"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        # What people type: "workshop", "कार्यशाला", "bengaluru", a speaker's name.
        index.RelatedFields("event_type", [index.SearchField("name")]),
        index.RelatedFields(
            "venue", [index.SearchField("city"), index.SearchField("name")]
        ),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "event_speakers",
            [index.RelatedFields("speaker", [index.SearchField("name")])],
        ),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    override_translatable_fields = [
        # One address per event in every language: /events/<slug>/ and /hi/events/<slug>/.
        SynchronizedField("slug"),
        SynchronizedField("online_url"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    in_site_frame = False  # never in the menu or footer: publishing keeps the frame

    class Meta:
        verbose_name = _("event page")

    # --- validation -------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not (
            self.venue_id
        ):
            errors["venue"] = _("Choose a venue for an in-person or hybrid event.")
        if self.registration_required:
            if self.capacity is None:
                errors["capacity"] = _(
                    "Set a capacity when registration is on (how many seats there are)."
                )
            if (
                self.registration_opens
                and self.registration_closes
                and self.registration_closes <= self.registration_opens
            ):
                errors["registration_closes"] = _(
                    "Registration must close after it opens."
                )
            elif (
                self.registration_closes
                and self.end
                and self.registration_closes > self.end
            ):
                errors["registration_closes"] = _(
                    "Registration must close before the event ends."
                )
        if self.capacity == 0:
            errors["capacity"] = _("Capacity must be at least 1.")
        if self.waitlist_enabled and not self.capacity:
            errors["waitlist_enabled"] = _(
                "A waitlist needs a capacity: set how many seats there are."
            )
        if (
            self.cancellation_deadline
            and self.start
            and self.cancellation_deadline > self.start
        ):
            errors["cancellation_deadline"] = _(
                "The cancellation deadline must be before the event starts."
            )
        if errors:
            raise ValidationError(errors)

    # --- display helpers ----------------------------------------------------

    @property
    def is_free(self) -> bool:
        return not self.price_paise

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_multi_day(self) -> bool:
        tz = timezone.get_default_timezone()
        return self.start.astimezone(tz).date() != self.end.astimezone(tz).date()

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_online(self) -> bool:
        return self.format == EventFormat.ONLINE

    @cached_property
    def speakers(self):
        return [item.speaker for item in self.event_speakers.all()]

    def duration(self) -> dt.timedelta:
        return self.end - self.start

    # --- routes -------------------------------------------------------------

    @path("calendar.ics")
    def calendar_ics(self, request):
        from .views import event_ics

        return event_ics(request, self)

    @path("availability.json")
    def availability_json(self, request):
        from .views import availability_json

        return availability_json(request, self)

    def serve(self, request, *args, **kwargs):
        from .caching import serve_cached

        return serve_cached(self, request, super().serve, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .views import event_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_detail_context(request, self))
        return context


class EventSpeaker(Orderable):
    page = ParentalKey(
        EventPage, related_name="event_speakers", on_delete=models.CASCADE
    )
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("speaker")]

    class Meta(Orderable.Meta):
        verbose_name = _("event speaker")
        verbose_name_plural = _("event speakers")
