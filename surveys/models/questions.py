from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from surveys import scales

# What a question means: once it has answers these cannot change, or one year's
# figures would be compared with another year's answers to different words.
LOCKED_FIELDS = ("kind", "wording", "choices")


class SurveyQuestion(index.Indexed, models.Model):
    """A question in the bank, asked in any year's survey.

    Its wording is locked once anyone has answered it: rewording makes a new
    question that ``replaces`` the old one, so trends never mix two wordings.
    """

    kind = models.CharField(max_length=20, choices=scales.KINDS)
    wording = models.CharField(max_length=300, help_text="The question, in plain words.")
    short_name = models.CharField(
        max_length=80, help_text="A few words for tables and charts, e.g. 'Driver is kind'.")
    help_text = models.CharField(max_length=300, blank=True)
    choices = models.TextField(blank=True, help_text="For single and multiple choice: one "
                                                     "choice a line.")
    charter_statement = models.BooleanField(
        default=False, verbose_name="From the co-production charter",
        help_text="One of the charter's 'how we will know it is working' statements.")
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="replaced_by", editable=False)
    retired = models.BooleanField(default=False, help_text="No longer offered for new surveys.")
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("kind"), FieldPanel("wording"), FieldPanel("short_name"),
              FieldPanel("help_text"), FieldPanel("choices"), FieldPanel("charter_statement"),
              FieldPanel("retired")]
    search_fields = [index.SearchField("wording"), index.SearchField("short_name"),
                     index.FilterField("kind"), index.FilterField("retired")]

    class Meta:
        ordering = ["short_name", "pk"]
        verbose_name = "survey question"

    def __str__(self):
        return self.wording

    @property
    def choice_list(self) -> list[str]:
        return scales.parse_choices(self.choices)

    def options(self) -> list[tuple[object, str]]:
        """(stored value, label) of each answer offered, in the order shown."""
        if scales.is_scale(self.kind):
            return [(v, str(label)) for v, label in scales.SCALES[self.kind]]
        return [(c, c) for c in self.choice_list]

    def has_answers(self) -> bool:
        if not self.pk:
            return False
        return self.answers.exists() or self.comments.exists()

    def clean(self):
        if self.kind in scales.CHOICE_KINDS and len(self.choice_list) < 2:
            raise ValidationError({"choices": "Give at least two choices, one a line."})
        if self.kind not in scales.CHOICE_KINDS and self.choices.strip():
            raise ValidationError({"choices": "Only single and multiple choice questions "
                                              "have choices."})
