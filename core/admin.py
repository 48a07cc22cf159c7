"""What Django's admin (/django-admin/) pages of several apps share."""


class ReadOnlyAdminMixin:
    """A ModelAdmin whose rows can be read and never added, changed or deleted there: the
    records it shows are written only by the portal's own services (evidence, e-mails sent,
    releases), so an administrator reads them as they were kept."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
