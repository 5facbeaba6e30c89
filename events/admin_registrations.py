"""The registrations listing in the admin: one filter entry per event, and
exports staff can read (IST times, status labels, one file name per event)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Locale

from home.exports import SafeIndexView

from .enums import RegistrationStatus
from .models import EventPage, Registration


def _events():
    # Every language version shares the seats: list each event once, by the
    # default language's version.
    return EventPage.objects.filter(
        locale_id=Locale.get_default().pk, registration_required=True
    ).order_by("-start")


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("event"), queryset=lambda request: _events(), method="for_event"
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=RegistrationStatus.choices
    )

    class Meta:
        model = Registration
        fields = ["event", "status", "language", "payment_mismatch"]

    def for_event(self, queryset, name, value):
        return queryset.for_event(value) if value else queryset


class RegistrationIndexView(SafeIndexView):
    filterset_class = RegistrationFilterSet

    def get_filename(self):
        """registrations-<event slug>-<date>, or registrations-<date> for all."""
        parts = ["registrations"]
        event_id = self.request.GET.get("event", "")
        event = _events().filter(pk=event_id).first() if event_id.isdigit() else None
        if event is not None:
            parts.append(event.slug)
        parts.append(timezone.localdate().strftime("%d-%m-%Y"))
        return "-".join(parts)
