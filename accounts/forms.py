"""Forms for two-factor: codes, and a passkey's name."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A six-digit code from an authenticator app, or (where ``allow_recovery``) a
    recovery code. Spaces and dashes people copy along are ignored."""

    code = forms.CharField(label=_("Code"), max_length=32, error_messages={
        "required": _("Enter the code"),
    })

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()


class PasskeyNameForm(forms.Form):
    """The name its owner gives a passkey, to tell several apart ("Work laptop")."""

    name = forms.CharField(label=_("Name"), max_length=64, error_messages={
        "required": _("Enter a name for the passkey"),
        "max_length": _("The name must be 64 characters or fewer"),
    })
