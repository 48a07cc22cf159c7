"""The officer's form that releases an unconfirmed message for sending again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_messages import plain_errors, plain_text_messages

#: The longest reason kept.
REASON_MAX = 1000


class ReleaseForm(forms.Form):
    """One unconfirmed message's release: which outbox row and which run's claim on it (so a
    form shown before the message was tried again cannot release the new attempt), the
    officer's word that the mail server's log shows it was not delivered, and why it can go
    again. The service checks the tick and the reason (``outbox.services``), so the words
    come back with its messages."""

    record = forms.IntegerField(widget=forms.HiddenInput)
    claim = forms.UUIDField(widget=forms.HiddenInput)
    checked = forms.BooleanField(
        required=False,
        label=_("I have looked for its Message-ID in the mail server's log: the message was "
                "not delivered."))
    reason = plain_text_messages(forms.CharField(
        required=False, max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Why it can be sent again"),
        help_text=_("Kept for officers and administrators. Do not write the address: any "
                    "address is replaced by [address].")), _("The reason"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_errors(self.fields["record"])
        plain_errors(self.fields["claim"])
