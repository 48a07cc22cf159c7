"""Consultation questions, as a StreamField: each kind of question is a block."""

from django.core.exceptions import ValidationError
from wagtail import blocks


class _QuestionBase(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    help_text = blocks.CharBlock(max_length=300, required=False)
    required = blocks.BooleanBlock(required=False, default=False)


class SingleChoiceBlock(_QuestionBase):
    choices = blocks.ListBlock(blocks.CharBlock(max_length=200, label="Choice"), min_num=2)

    class Meta:
        icon = "radio-full"
        label = "Single choice"


class MultipleChoiceBlock(_QuestionBase):
    choices = blocks.ListBlock(blocks.CharBlock(max_length=200, label="Choice"), min_num=2)

    class Meta:
        icon = "tasks"
        label = "Multiple choice"


AGREE_SCALE = ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree",
               "Strongly disagree")


class AgreeScaleBlock(_QuestionBase):
    statement = blocks.TextBlock(help_text="What people are asked to agree or disagree with.")

    class Meta:
        icon = "list-ol"
        label = "Agree or disagree"


class FreeTextBlock(_QuestionBase):
    max_length = blocks.IntegerBlock(default=2000, min_value=50, max_value=5000)

    class Meta:
        icon = "pilcrow"
        label = "Free text"

    def clean(self, value):
        value = super().clean(value)
        if value["max_length"] is None:
            raise ValidationError("Give the longest answer allowed.")
        return value


QUESTION_BLOCKS = [
    ("single_choice", SingleChoiceBlock()),
    ("multiple_choice", MultipleChoiceBlock()),
    ("agree_scale", AgreeScaleBlock()),
    ("free_text", FreeTextBlock()),
]
