from django.db import models


class ConsultationAudience(models.Model):
    """Who a consultation is for: parents and carers, young people, schools, operators, others."""

    name = models.CharField(max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
