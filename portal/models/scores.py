from django.db import models


class ReadingScore(models.Model):
    """The plain-language score of one published version of a page, kept for trend reports."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="reading_scores"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField()
    flesch_reading_ease = models.FloatField()
    reading_age = models.FloatField()
    words = models.PositiveIntegerField()
    sentences = models.PositiveIntegerField()
    long_sentences = models.PositiveIntegerField()
    unexplained_terms = models.PositiveIntegerField(
        help_text="Words to avoid and unexplained acronyms left in the text."
    )

    class Meta:
        ordering = ["page", "-published_at"]
        get_latest_by = "published_at"

    def __str__(self):
        return f"{self.page_id} at {self.published_at:%Y-%m-%d}: reading age {self.reading_age:.0f}"
