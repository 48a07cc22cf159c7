from portal.cache import mark_cacheable


class CachedPageMixin:
    """Public pages the anonymous page cache may keep (previews never reach ``serve``)."""

    def serve(self, request, *args, **kwargs):
        return mark_cacheable(super().serve(request, *args, **kwargs))
