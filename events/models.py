"""Events: the index page, event pages, the snippets they use, registrations."""

import datetime as dt
import uuid

from django import forms
from django.conf import settings
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
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from home.blocks import BodyBlock
from home.facts import PAGE_FACTS, PAGE_TEXT, facts, text
from home.models import ListingIndexPage
from home.privacy import RestrictionsCoverTranslations
from home.timefmt import IST_HINT, format_range

from .blocks import AgendaBlock, RegistrationQuestionsBlock
from .checkin import codes
from .enums import (
    ACTIVE_STATUSES,
    EventFormat,
    EventStatus,
    PaymentStatus,
    RegistrationStatus,
)
from .forms import EventPageForm

# File routes: Wagtail's routing hands a RoutablePage every sub-path with a "/"
# appended (coe_site.urls routes "…/calendar.ics" to it); links have none.
FILE_ROUTE = r"^{}/?$"


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
    translatable_fields = text("name") + facts("slug", "sort_order")

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
    translatable_fields = text("name") + facts("tag")

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
    translatable_fields = text(
        "name", "address", "city", "state", "accessibility_notes"
    ) + facts("map_url")

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
    translatable_fields = text("name", "role", "organisation", "bio") + facts("photo")
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


class EventIndexPage(ListingIndexPage):
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("events index page")

    @re_path(FILE_ROUTE.format(r"feed\.ics"))
    def feed_ics(self, request):
        from .views import feed_ics

        return feed_ics(request, self)

    @re_path(FILE_ROUTE.format(r"feed\.rss"))
    def feed_rss(self, request):
        from .views import UpcomingEventsFeed

        return UpcomingEventsFeed()(request, index_page=self)

    @re_path(FILE_ROUTE.format(r"availability\.json"))
    def availability_list_json(self, request):
        from .views import availability_list_json

        return availability_list_json(request, self)

    def serve(self, request, *args, **kwargs):
        from .views import without_empty_parameters

        shorter = without_empty_parameters(request)
        if shorter is not None:
            return redirect(shorter)
        return super().serve(request, *args, **kwargs)

    def listing_context(self, request) -> dict:
        from .views import event_listing_context

        return event_listing_context(request, self)


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EventPage(RestrictionsCoverTranslations, RoutablePageMixin, Page):
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
    offer_hours = models.PositiveSmallIntegerField(
        _("waitlist offer valid for (hours)"),
        default=24,
        help_text=_("How long a freed seat is held for the next person in line."),
    )
    registration_questions = StreamField(
        RegistrationQuestionsBlock(),
        verbose_name=_("registration questions"),
        blank=True,
        help_text=_("Extra questions on this event's registration form."),
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
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("price_rupees")]),
                FieldRowPanel(
                    [
                        FieldPanel("registration_opens", help_text=IST_HINT),
                        FieldPanel("registration_closes", help_text=IST_HINT),
                    ]
                ),
                FieldPanel("needs_approval"),
                FieldRowPanel(
                    [FieldPanel("waitlist_enabled"), FieldPanel("offer_hours")]
                ),
                FieldPanel("cancellation_deadline", help_text=IST_HINT),
                FieldPanel("registration_questions"),
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
    # Text is translated; every fact is shared by all translations (home.facts).
    # One address per event in every language: /events/<slug>/ and /hi/events/<slug>/.
    translatable_fields = (
        PAGE_TEXT
        + text("summary", "body", "agenda", "registration_questions")
        # The same type and venue, as translated snippets.
        + text("event_type", "venue")
        + PAGE_FACTS
        + facts(
            "slug",
            "hero_image",
            "format",
            "status",
            "start",
            "end",
            "online_url",
            "languages",
            "tags",
            "event_speakers",
            "registration_required",
            "capacity",
            "price_paise",
            "registration_opens",
            "registration_closes",
            "needs_approval",
            "waitlist_enabled",
            "cancellation_deadline",
            "offer_hours",
        )
    )

    base_form_class = EventPageForm
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
        if self.start and self.end and "end" not in errors:
            message = self._agenda_outside_event()
            if message:
                errors["agenda"] = message
        if errors:
            raise ValidationError(errors)

    def _agenda_outside_event(self):
        """The first agenda session that starts before the event or ends after it,
        explained (session times are IST times of day on the event's day N)."""
        tz = timezone.get_default_timezone()
        first_day = timezone.localtime(self.start, tz).date()
        for child in self.agenda or []:
            value = child.value
            if child.block_type != "session" or not value.get("start"):
                continue
            day = first_day + dt.timedelta(days=max((value.get("day") or 1) - 1, 0))
            begins = timezone.make_aware(dt.datetime.combine(day, value["start"]), tz)
            ends = begins
            if value.get("end"):
                ends = timezone.make_aware(dt.datetime.combine(day, value["end"]), tz)
                if ends <= begins:  # runs past midnight
                    ends += dt.timedelta(days=1)
            if begins < self.start or ends > self.end:
                return _(
                    "The agenda item “%(title)s” (%(session)s) is outside the "
                    "event's times (%(event)s). Move it inside the event, or change "
                    "the event's start or end."
                ) % {
                    "title": value.get("title") or "",
                    "session": format_range(begins, ends if ends > begins else None),
                    "event": format_range(self.start, self.end),
                }
        return None

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

    @re_path(FILE_ROUTE.format(r"calendar\.ics"))
    def calendar_ics(self, request):
        from .views import event_ics

        return event_ics(request, self)

    @re_path(r"^register/$")
    def register(self, request):
        from .registration_views import register

        return register(request, self)

    @re_path(FILE_ROUTE.format(r"availability\.json"))
    def availability_json(self, request):
        from .views import availability_json

        return availability_json(request, self)

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


def new_ticket_code() -> str:
    """A short ticket code no registration has yet (see events.checkin.codes)."""
    while True:
        code = codes.random_code()
        taken = Registration.objects.filter(ticket_code=code).exists()
        if not taken:
            return code


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The registrations `user` may open: their own. Staff use the admin."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def managed_by(self, user):
        """The registrations `user` may see and change in the admin."""
        if user.is_authenticated and user.has_perm("events.change_registration"):
            return self
        return self.none()

    def for_event(self, event):
        """Registrations of `event` in any of its languages (one set of seats)."""
        return self.filter(event__translation_key=event.translation_key)

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Registration(models.Model):
    """One person's place at an event (in every language version of it)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        EventPage,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        help_text=_("Empty for people registered by staff without an account."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        help_text=_("The language the person registered in; emails use it."),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    ticket_code = models.CharField(
        _("ticket code"), max_length=64, unique=True, default=new_ticket_code
    )
    legacy_ticket_code = models.CharField(
        _("old ticket code"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("The long code of a ticket issued before short codes."),
    )
    expires_at = models.DateTimeField(
        _("hold or offer expires"), null=True, blank=True, db_index=True
    )
    queued_at = models.DateTimeField(
        _("joined the waitlist"), null=True, blank=True, db_index=True
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    # Set by the Stripe webhook, never cleared: the history says what arrived.
    payment_mismatch = models.BooleanField(
        _("payment did not match"),
        default=False,
        help_text=_(
            "A payment of another amount or currency than the price arrived; it "
            "was refunded and confirmed nothing."
        ),
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()
    # Not content: Wagtail's reference index ("used by") would otherwise queue a
    # task inside every registration's transaction, under the event's lock.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], name="one_registration_per_user_and_event"
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.event.title}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def ticket_code_display(self) -> str:
        return codes.display(self.ticket_code)


class RegistrationStatusChange(models.Model):
    """Who changed a registration's status, when, from what, to what and why."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=RegistrationStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=RegistrationStatus.choices
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("why"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration status change")
        verbose_name_plural = _("registration status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_status or '–'} → {self.to_status}"


class ReceiptCounter(models.Model):
    """The last receipt number given in one Indian financial year ("2026-27")."""

    financial_year = models.CharField(max_length=7, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.financial_year}: {self.last}"


class Payment(models.Model):
    """One Stripe Checkout payment: kept as an accounting record, even anonymised."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payments",
    )
    event = models.ForeignKey(
        EventPage,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PaymentStatus.choices,
        default=PaymentStatus.CREATED,
    )
    amount_paise = models.PositiveIntegerField(_("amount (paise)"))
    refunded_paise = models.PositiveIntegerField(_("refunded (paise)"), default=0)
    currency = models.CharField(_("currency"), max_length=3, default="inr")
    stripe_session_id = models.CharField(
        _("Stripe Checkout Session"), max_length=255, unique=True
    )
    stripe_payment_intent = models.CharField(
        _("Stripe PaymentIntent"), max_length=255, blank=True, db_index=True
    )
    checkout_url = models.URLField(_("checkout address"), max_length=2000, blank=True)
    expires_at = models.DateTimeField(_("checkout expires"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)
    # Given once, when the payment is first paid (receipts.assign_number).
    receipt_number = models.CharField(
        _("receipt number"), max_length=40, unique=True, null=True, blank=True
    )
    # The GST rate in the price when it was paid; None when no GSTIN was set.
    gst_rate = models.DecimalField(
        _("GST rate (%)"), max_digits=4, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]

    def __str__(self):
        return self.stripe_session_id


class StripeEvent(models.Model):
    """A Stripe webhook event already applied: a replay changes nothing."""

    stripe_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.type} {self.stripe_id}"
