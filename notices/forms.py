"""The subscribe and manage forms: plain, translated messages; typed words kept on error."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.form_messages import plain_errors
from core.sanitise import TypedEmailField
from notices.models import StaffNoticePreference, Subscriber, Subscription


class PageChoice(str):
    """A followed policy's box label ("Changes to “Travel help…”"), which also carries the
    policy as it is named (``page``: ``shown``, its copy in the reader's language, when
    given) and its ``title``, so a template can mark an English title on a Polish or Arabic
    page (``templates/notices/includes/choices.html``)."""

    page = None
    title = ""

    def __new__(cls, page, shown=None):
        named = shown or page
        label = super().__new__(cls, _("Changes to “%(title)s”") % {"title": named.title})
        label.page, label.title = named, named.title
        return label


class FollowForm(forms.Form):
    """What to be told about and how often. ``pages`` are the policies offered first, each
    its own box: the one the reader came from (subscribe), or each one followed (manage).
    A policy's box has the value ``page:<id>`` (the page followed), and is named by
    ``shown[id]`` where given (``selectors.pages_in``: its copy in the reader's language)."""

    topics = forms.MultipleChoiceField(
        label=_("What would you like to be told about?"),
        widget=forms.CheckboxSelectMultiple, choices=Subscription.Topic.choices,
        error_messages={"required": _("Choose at least one thing to be told about.")})
    frequency = forms.ChoiceField(
        label=_("How often?"), widget=forms.RadioSelect, choices=Subscriber.Frequency.choices,
        initial=Subscriber.Frequency.IMMEDIATELY,
        error_messages={"required": _("Choose how often you would like to hear from us.")})

    def __init__(self, *args, pages=(), shown=None, **kwargs):
        super().__init__(*args, **kwargs)
        shown = shown or {}
        self.fields["topics"].choices = [
            *[(page_value(page), PageChoice(page, shown.get(page.pk))) for page in pages],
            *[c for c in Subscription.Topic.choices if c[0] != Subscription.Topic.PAGE]]
        plain_errors(self.fields["topics"])
        plain_errors(self.fields["frequency"])

    def chosen_topics(self) -> list[str]:
        """The topics chosen, ``page`` once for any policy chosen."""
        chosen = self.cleaned_data["topics"]
        pages = [value for value in chosen if value.startswith("page:")]
        return [*(["page"] if pages else []), *[v for v in chosen if v not in pages]]

    def chosen_page_ids(self) -> list[int]:
        """The ids of the policies chosen."""
        return [int(v.split(":", 1)[1]) for v in self.cleaned_data["topics"]
                if v.startswith("page:")]


def page_value(page) -> str:
    """A followed policy's box value in ``FollowForm``."""
    return f"page:{page.pk}"


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


def _language_field() -> forms.ChoiceField:
    """The language a subscriber's or a staff member's e-mails are written in: one of
    ``settings.LANGUAGES``, chosen with radios."""
    return forms.ChoiceField(
        label=_("Which language should the e-mails be in?"), widget=forms.RadioSelect,
        choices=settings.LANGUAGES,
        error_messages={"required": _("Choose a language for the e-mails.")})


class ManageForm(FollowForm):
    """The manage page: what to be told about, how often, and in which language."""

    language = _language_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_errors(self.fields["language"])


class StaffPreferenceForm(forms.Form):
    """How often a forum representative or an officer hears of co-production events, and in
    which language."""

    frequency = forms.ChoiceField(
        label=_("How often would you like us to e-mail you?"), widget=forms.RadioSelect,
        choices=StaffNoticePreference.Frequency.choices,
        error_messages={"required": _("Choose how often you would like to hear from us.")})
    language = _language_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_errors(self.fields["frequency"])
        plain_errors(self.fields["language"])
