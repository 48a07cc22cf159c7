"""The record of sent e-mails in Django's admin (/django-admin/), read only."""

from django.contrib import admin

from outbox.models import SentEmail


@admin.register(SentEmail)
class SentEmailAdmin(admin.ModelAdmin):
    list_display = ["kind", "content_type", "object_id", "recipient_key", "claimed_at",
                    "sent_at"]
    list_filter = ["kind", "sent_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
