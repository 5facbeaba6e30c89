from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import BodyBlock
from .caching import remembered
from .facts import PAGE_FACTS, PAGE_TEXT, facts, text
from .privacy import RestrictionsCoverTranslations


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def language_choices():
    """The site's languages (settings.LANGUAGES), read when a form is built."""
    return settings.LANGUAGES


class User(AbstractUser):
    """A person: email is the login; no username."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=language_choices,
        default=settings.LANGUAGE_CODE,
        help_text=_("Emails are sent in this language."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    # A staff permission counts only once its holder has a second factor
    # (DESIGN.md, "Rules that must hold"): until then they are treated as without
    # it on every view, not only under /admin/, and superusers too. What a person
    # may do as an applicant or attendee comes from ownership, not permissions.
    def has_perm(self, perm, obj=None):
        return super().has_perm(perm, obj) and self.has_second_factor()

    def has_module_perms(self, app_label):
        return super().has_module_perms(app_label) and self.has_second_factor()

    def has_perm_before_second_factor(self, perm, obj=None) -> bool:
        """Whether the permission is granted, counting or not (who must set up a
        second factor; who may be given work that needs the permission)."""
        return super().has_perm(perm, obj)

    def has_second_factor(self) -> bool:
        """An authenticator app or a security key (allauth MFA); signing in asks
        for it. Cached on the instance for its request, as Django caches the
        permissions themselves."""
        if not hasattr(self, "_second_factor_cache"):
            # allauth's models load after ours: imported when first needed.
            from allauth.mfa.utils import is_mfa_enabled

            self._second_factor_cache = self.pk is not None and is_mfa_enabled(self)
        return self._second_factor_cache


class StaffInvitation(models.Model):
    """An account made by staff in the admin: its person sets a password from the
    link emailed to its address (which proves the address), once, before
    `expires_at`. The link's token is stored only as a hash (`home.invitations`)."""

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_invitations",
    )
    email = models.EmailField(_("email address"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class Partner(TranslatableMixin, models.Model):
    """An organisation shown in the home page's partners strip."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("logo"),
        FieldPanel("sort_order"),
    ]
    translatable_fields = text("name") + facts("url", "logo", "sort_order")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class HomePage(RestrictionsCoverTranslations, Page):
    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("hero button label"), max_length=60, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    show_partners = models.BooleanField(_("show partners strip"), default=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("show_partners"),
    ]
    # Text is translated; every fact is shared by all translations (home.facts).
    translatable_fields = (
        PAGE_TEXT
        + text("slug", "hero_title", "hero_text", "hero_cta_label", "intro", "body")
        + PAGE_FACTS
        + facts("hero_cta_page", "show_partners")
        # Decoration: a translation may use a picture with words in its language.
        + [SynchronizedField("hero_image")]
    )
    search_fields = Page.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.show_partners:
            # Partners in this page's language, and those not translated into
            # it yet in the site's main language (names rarely need translating).
            own = Partner.objects.filter(locale_id=self.locale_id)
            untranslated = Q(locale__language_code=settings.LANGUAGE_CODE) & ~Q(
                translation_key__in=own.values("translation_key")
            )
            context["partners"] = Partner.objects.filter(
                Q(locale_id=self.locale_id) | untranslated
            ).select_related("logo")
        return context


class StandardPage(RestrictionsCoverTranslations, Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    translatable_fields = PAGE_TEXT + text("slug", "intro", "body") + PAGE_FACTS
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class ListingIndexPage(RestrictionsCoverTranslations, RoutablePageMixin, Page):
    """The one index of a kind of page under the home page (events, resources):
    an introduction, and a listing of its children filtered by the query string.
    A subclass names its `subpage_types` and gives `listing_context(request)`."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    translatable_fields = PAGE_TEXT + text("slug", "intro") + PAGE_FACTS

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def listing_context(self, request) -> dict:
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, the DPDP grievance officer, social links, policy pages."""

    @classmethod
    def cached_for(cls, request) -> "SiteSettings":
        """The site's settings, kept with the generation (saving starts a new one)."""
        from home.routing import site_for

        site = site_for(request)
        if site is None:
            return cls()
        return remembered(f"settings:{site.pk}", lambda: cls.for_site(site))

    organisation_name = models.CharField(
        _("organisation name"), max_length=200, default="AI Centre of Excellence"
    )
    # One per language besides the main one: `organisation_name_<code>`
    # (organisation_name_in); a language without its field shows the main name.
    organisation_name_hi = models.CharField(
        _("organisation name (Hindi)"), max_length=200, blank=True
    )
    organisation_name_ta = models.CharField(
        _("organisation name (Tamil)"), max_length=200, blank=True
    )
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    gstin = models.CharField(
        _("GSTIN"),
        max_length=15,
        blank=True,
        help_text=_("Shown on payment receipts when set."),
    )
    gst_rate = models.DecimalField(
        _("GST rate (%)"),
        max_digits=4,
        decimal_places=2,
        default=18,
        help_text=_(
            "Event prices include GST at this rate when a GSTIN is set: receipts "
            "show the taxable value and the GST."
        ),
    )

    grievance_officer_name = models.CharField(
        _("grievance officer name"), max_length=200, blank=True
    )
    grievance_officer_designation = models.CharField(
        _("grievance officer designation"), max_length=200, blank=True
    )
    grievance_officer_email = models.EmailField(
        _("grievance officer email"), blank=True
    )
    grievance_officer_phone = models.CharField(
        _("grievance officer phone"), max_length=30, blank=True
    )

    x_url = models.URLField(_("X (Twitter)"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    github_url = models.URLField(_("GitHub"), blank=True)

    def organisation_name_in(self, language: str | None = None) -> str:
        """The organisation's name in `language` (default: the active one)."""
        language = language or translation.get_language() or ""
        return (
            getattr(self, f"organisation_name_{language}", "") or self.organisation_name
        )

    @property
    def localized_organisation_name(self) -> str:
        return self.organisation_name_in()

    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("terms of use"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refund_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("refund and cancellation policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hyperlinking_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hyperlinking policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    copyright_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("copyright policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("organisation_name_hi"),
                FieldPanel("organisation_name_ta"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("gstin"),
                FieldPanel("gst_rate"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("grievance_officer_name"),
                FieldPanel("grievance_officer_designation"),
                FieldPanel("grievance_officer_email"),
                FieldPanel("grievance_officer_phone"),
            ],
            heading=_("Grievance officer (DPDP Act 2023)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("x_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
                FieldPanel("github_url"),
            ],
            heading=_("Social links"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("terms_page"),
                FieldPanel("refund_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("hyperlinking_page"),
                FieldPanel("copyright_page"),
            ],
            heading=_("Policy pages (GIGW)"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def social_links(self):
        return [
            (label, url)
            for label, url in (
                ("X", self.x_url),
                ("LinkedIn", self.linkedin_url),
                ("YouTube", self.youtube_url),
                ("GitHub", self.github_url),
            )
            if url
        ]
