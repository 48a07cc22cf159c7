"""Forms for two-factor codes."""

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
