"""The subscribe and manage forms: plain, translated messages; typed words kept on error."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_messages import plain_errors
from core.sanitise import TypedEmailField
from notices.models import Subscriber, Subscription


class FollowForm(forms.Form):
    """What to be told about and how often. ``page_title`` (or None) offers the policy the
    reader came from as the first choice."""

    topics = forms.MultipleChoiceField(
        label=_("What would you like to be told about?"),
        widget=forms.CheckboxSelectMultiple, choices=Subscription.Topic.choices,
        error_messages={"required": _("Choose at least one thing to be told about.")})
    frequency = forms.ChoiceField(
        label=_("How often?"), widget=forms.RadioSelect, choices=Subscriber.Frequency.choices,
        initial=Subscriber.Frequency.IMMEDIATELY,
        error_messages={"required": _("Choose how often you would like to hear from us.")})

    def __init__(self, *args, page_title: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = list(Subscription.Topic.choices)
        if page_title is None:
            choices = [c for c in choices if c[0] != Subscription.Topic.PAGE]
        else:
            choices[0] = (Subscription.Topic.PAGE,
                          _("Changes to “%(title)s”") % {"title": page_title})
        self.fields["topics"].choices = choices
        plain_errors(self.fields["topics"])
        plain_errors(self.fields["frequency"])


class SubscribeForm(FollowForm):
    """The subscribe form: an e-mail address as well."""

    email = TypedEmailField(
        label=_("Your e-mail address"), max_length=254,
        help_text=_("We send you a link to confirm. We use this address for these messages "
                    "only, and delete it when you unsubscribe."),
        error_messages={"required": _("Enter your e-mail address."),
                        "invalid": _("Enter an e-mail address like name@example.com.")})
    # A field people never see: robots fill it (the consultation forms do the same).
    website = forms.CharField(required=False)

    field_order = ["email", "topics", "frequency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false",
                                                  "inputmode": "email"})
