from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import BaseViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .exports import SafeSnippetIndexView
from .models import Partner


class PartnerViewSet(SnippetViewSet):
    index_view_class = SafeSnippetIndexView
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "url", "sort_order"]
    search_fields = ["name"]
    list_export = ["name", "url"]


register_snippet(PartnerViewSet)


@hooks.register("insert_global_admin_css")
def indian_script_fonts_in_admin():
    """The site's Devanagari and Tamil fonts in the admin, so neither shows as boxes."""
    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">',
        static("css/fonts.css"),
        static("css/admin.css"),
    )


def outside_a_group_until_second_factor(restrictions, user) -> bool:
    """Wagtail lets a superuser through every group restriction; until they have
    a second factor they pass only those of groups they are in, like anyone."""
    # No restriction, no need to read the visitor (a page render stays as it is
    # for everyone: the session is not loaded for it).
    if not restrictions:
        return False
    if not (user.is_authenticated and user.is_superuser) or user.has_second_factor():
        return False
    mine = set(user.groups.values_list("pk", flat=True))
    return any(
        restriction.restriction_type == BaseViewRestriction.GROUPS
        and not mine & set(restriction.groups.values_list("pk", flat=True))
        for restriction in restrictions
    )


@hooks.register("on_serve_page")
def group_restrictions_need_a_second_factor(callback):
    """A page (and its routes: .ics, .json) as Wagtail answers someone outside
    the group: the sign-in page."""

    def inner(page, request, serve_args, serve_kwargs):
        if outside_a_group_until_second_factor(
            page.get_view_restrictions(), request.user
        ):
            response = redirect_to_login(
                request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL
            )
            add_never_cache_headers(response)
            return response
        return callback(page, request, serve_args, serve_kwargs)

    return inner


@hooks.register("before_serve_document")
def document_group_restrictions_need_a_second_factor(document, request):
    """The same for documents in a collection restricted to groups."""
    restrictions = document.collection.get_view_restrictions()
    if outside_a_group_until_second_factor(restrictions, request.user):
        return redirect_to_login(
            request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL
        )
    return None


@hooks.register("after_create_user")
def invite_new_staff(request, user):
    """A user added in the admin gets an email to choose a password
    (`home.invitations`); the admin then asks them for a second factor."""
    from wagtail.users.models import UserProfile

    from . import invitations

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = user.preferred_language
    profile.save(update_fields=["preferred_language"])
    invitations.invite_staff(user, by=request.user)
    messages.info(
        request,
        _("An invitation to choose a password has been emailed to %(email)s.")
        % {"email": user.email},
    )


@hooks.register("register_admin_urls")
def staff_invitation_admin_urls():
    from django.urls import path

    from .views import resend_staff_invitation

    return [
        path(
            "users/<int:pk>/invitation/",
            resend_staff_invitation,
            name="home_resend_invitation",
        )
    ]


@hooks.register("register_user_listing_buttons")
def send_invitation_again_button(user, request_user):
    """For people who have not chosen a password yet (the first link expired)."""
    from django.urls import reverse
    from wagtail.admin.widgets import ListingButton

    if user.has_usable_password() or not request_user.has_perm("home.change_user"):
        return []
    return [
        ListingButton(
            _("Send the invitation again"),
            reverse("home_resend_invitation", args=[user.pk]),
            priority=50,
        )
    ]
