from django.db import models


class SearchIndexState(models.Model):
    """Under which search rules the search index was last built whole, and when: one row.

    ``rules`` is ``portal.selectors.search_index_rules()`` as it was when every page and term
    was indexed again (``portal.services.search_index_refresh``, run after every ``migrate``
    and by ``manage.py refresh_search_index``). When the code's rules differ (new synonyms,
    spellings, names or search fields), the stored copies no longer match what searches
    look for: ``manage.py check`` warns (portal.W003) until the index is built again.
    """

    rules = models.CharField(max_length=64)
    built_at = models.DateTimeField()

    class Meta:
        verbose_name = "search index state"

    def __str__(self):
        return f"search index built {self.built_at:%Y-%m-%d %H:%M} under rules {self.rules[:12]}"
