"""The admin's users: the preferred language (the language of their emails and,
from the invitation on, of their admin) on the forms. There is no password on
them: a user added here gets an invitation to choose one (`home.invitations`)."""

from wagtail.users import forms
from wagtail.users.views import users


class UserCreationForm(forms.UserCreationForm):
    class Meta(forms.UserCreationForm.Meta):
        fields = forms.UserCreationForm.Meta.fields | {"preferred_language"}


class UserEditForm(forms.UserEditForm):
    class Meta(forms.UserEditForm.Meta):
        fields = forms.UserEditForm.Meta.fields | {"preferred_language"}


class UserViewSet(users.UserViewSet):
    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm
