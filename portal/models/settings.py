import copy

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from core import memo
from portal.phone_numbers import NotOneAddress, NotOneNumber, normalised_phone, ordinary_email

DEFAULT_WORDS_TO_AVOID = "\n".join(
    [
        "in accordance with",
        "utilise",
        "facilitate",
        "notwithstanding",
        "discretionary",
        "statutory",
        "pursuant to",
        "commence",
        "prior to",
        "in respect of",
    ]
)


#: The fields every language shares with the English service details: one number and one
#: address, never typed into a Polish or Arabic copy.
SHARED_CONTACT_FIELDS = ("phone", "email")


class ServiceDetailsForm(WagtailAdminModelForm):
    """The service details editor: on a Polish or Arabic copy the phone number and e-mail
    address are shown, not editable (``disabled``: a posted value is ignored), with a line
    saying they are the English details' and change there."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        # A number saved before the phone check became stricter: said beside the number, in
        # either language, so the translator knows why and the English editor what to fix.
        stale = self.instance.stored_phone_problem()
        if self.instance.is_english():
            if stale and "phone" in self.fields:
                self.fields["phone"].help_text = (
                    f"\u201c{self.instance.phone}\u201d was saved before the check became "
                    f"stricter, and is not one number a phone can dial: {stale} Correct it "
                    "here; until then every language shows it as saved.")
            return
        for name in SHARED_CONTACT_FIELDS:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = (
                    "The same in every language: change it on the English service details, "
                    "and every language gives the new one.")
        if stale and "phone" in self.fields:
            self.fields["phone"].help_text = (
                f"The English service details\u2019 number, \u201c{self.instance.phone}\u201d, "
                f"is not one a phone can dial (it was saved before the check became "
                f"stricter): {stale} It can only be corrected on the English service "
                "details; you can still save this copy.")


@register_snippet
class ServiceDetails(TranslatableMixin, models.Model):
    """How families reach the service, in each language.

    Wagtail's site settings cannot be translated, so the words live in this
    translatable snippet and the site setting points at it.
    """

    service_name = models.CharField(max_length=120, default="SEND home to school transport")
    phone = models.CharField(
        max_length=40, blank=True,
        help_text="The transport team's number, one number in digits and spaces (for example "
                  "0300 123 4567). Families see it in every language: the banner and footer of "
                  "every page, the urgent-help boxes and each {phone} in the FAQ, the home page "
                  "and promoted searches. Only the English service details' number is used: "
                  "on a Polish or Arabic copy this field is ignored.")
    email = models.EmailField(
        blank=True,
        help_text="Shown in every language's footer and for each {email} in the FAQ, the home "
                  "page and promoted searches. Only the English service details' address is "
                  "used: on a Polish or Arabic copy this field is ignored.")
    opening_hours = models.CharField(max_length=200, blank=True)
    footer_note = models.TextField(
        blank=True, help_text="A short line shown at the foot of every page."
    )

    base_form_class = ServiceDetailsForm
    # Copied from the English details when a translation is synchronised, never offered to
    # the translator (wagtail-localize): languages cannot give different numbers.
    override_translatable_fields = [SynchronizedField(name, overridable=False)
                                    for name in SHARED_CONTACT_FIELDS]

    panels = [
        FieldPanel("service_name"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("opening_hours"),
        FieldPanel("footer_note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "service details"
        verbose_name_plural = "service details"

    def __str__(self):
        return f"{self.service_name} ({self.locale})"

    def save(self, *args, **kwargs):
        """Save, keeping the phone number and e-mail address one for every language: a copy
        in another language takes the English details' (``SHARED_CONTACT_FIELDS``), and
        saving the English details writes them into every copy, cleared ones included."""
        english = self.is_english()
        if not english:
            source = ServiceDetails.objects.filter(
                translation_key=self.translation_key, locale=Locale.get_default()).first()
            if source is not None:
                for name in SHARED_CONTACT_FIELDS:
                    setattr(self, name, getattr(source, name))
        super().save(*args, **kwargs)
        if english:
            ServiceDetails.objects.filter(translation_key=self.translation_key).exclude(
                pk=self.pk).update(**{name: getattr(self, name) for name in SHARED_CONTACT_FIELDS})

    def clean(self):
        """Keep the number as one number a phone can dial (``portal.phone_numbers.
        normalised_phone``): any space character a single space, "+44 (0)" as "+44". Words or
        a second number are refused with a plain message saying where they go. The e-mail
        address is one as families type it (``portal.phone_numbers.ordinary_email``): quotes
        and other signs are refused. Checked on the English details only: a Polish or Arabic
        copy takes the English number and address as they are (``save``), so a number the
        English details kept from before the check became stricter never refuses a
        translator's copy (in the snippet editor or wagtail-localize's)."""
        super().clean()
        if not self.is_english():
            # A copy's number and address are the English details' (``save``): checked there,
            # where they can be corrected, never a reason to refuse a translator's copy.
            return
        errors = {}
        try:
            self.phone = normalised_phone(self.phone)
        except NotOneNumber as error:
            errors["phone"] = str(error)
        try:
            self.email = ordinary_email(self.email)
        except NotOneAddress as error:
            errors["email"] = str(error)
        if errors:
            raise ValidationError(errors)

    def stored_phone_problem(self) -> str:
        """Why the number as stored is not one ``clean`` would accept now
        (``normalised_phone``'s plain message), or "" when it is: a number saved before the
        check became stricter. No query."""
        try:
            normalised_phone(self.phone)
        except NotOneNumber as error:
            return str(error)
        return ""

    def is_english(self) -> bool:
        """Whether these are the details in the default language (English), the ones whose
        phone number and e-mail address every language gives."""
        return self.locale_id is None or self.locale_id == Locale.get_default().pk

    @property
    def localized(self):
        """The details in the reader's language (Wagtail's rule: the translation, or these),
        kept until the next purge (``core.memo``): every page's header and footer ask for
        them. Saving any details, a new translation included, purges (``portal.signals``).

        The phone number and e-mail address are this row's (the one Portal settings points
        at, in English) whatever the translation holds, an empty one too: one number to
        change, and every language's banner, footer and urgent box give it (or, cleared, the
        same words without a number) the moment it is saved."""
        if self.pk is None:
            return TranslatableMixin.localized.fget(self)
        found = memo.remember(
            ("service-details", self.pk, translation.get_language()),
            lambda: TranslatableMixin.localized.fget(self))
        if found is self:
            return self
        shown = copy.copy(found)
        # The English row's even when cleared: every language then gives the same fallback.
        shown.phone = self.phone
        shown.email = self.email
        return shown


@register_setting(icon="cog")
class PortalSettings(BaseSiteSetting):
    service_details = models.ForeignKey(
        ServiceDetails, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reading_age_target = models.PositiveSmallIntegerField(
        default=9,
        help_text="The reading age policies and FAQs aim for. GOV.UK content design advises 9.",
    )
    long_sentence_words = models.PositiveSmallIntegerField(
        default=25, help_text="Sentences longer than this are flagged to editors."
    )
    words_to_avoid = models.TextField(
        blank=True,
        default=DEFAULT_WORDS_TO_AVOID,
        help_text="One word or phrase per line. Editors are warned when they use one.",
    )

    panels = [
        FieldPanel("service_details"),
        MultiFieldPanel(
            [
                FieldPanel("reading_age_target"),
                FieldPanel("long_sentence_words"),
                FieldPanel("words_to_avoid"),
            ],
            heading="Plain language",
        ),
    ]

    class Meta:
        verbose_name = "portal settings"

    @classmethod
    def for_site(cls, site):
        """Wagtail's ``for_site``, kept until the next purge (``core.memo``): every page reads
        the settings for its header and footer. Saving them purges (``portal.signals``).
        Each caller gets its own copy (the admin's form changes the one it is given)."""
        kept = memo.remember(("portal-settings", site.pk), lambda: cls._read_for_site(site))
        return copy.copy(kept)

    @classmethod
    def _read_for_site(cls, site):
        found = super().for_site(site)
        found.service_details  # noqa: B018 - read once with the settings, kept with them
        return found

    @property
    def words_to_avoid_list(self) -> list[str]:
        return [w.strip() for w in self.words_to_avoid.splitlines() if w.strip()]
