"""allauth's security-key forms with a translated label (allauth leaves it bare)."""

from allauth.mfa.webauthn import forms as webauthn_forms
from django.utils.translation import gettext_lazy as _


class KeyNameLabelMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name")


class AddWebAuthnForm(KeyNameLabelMixin, webauthn_forms.AddWebAuthnForm):
    pass


class EditWebAuthnForm(KeyNameLabelMixin, webauthn_forms.EditWebAuthnForm):
    pass
