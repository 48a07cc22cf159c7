"""The record of sent e-mails in Django's admin (/django-admin/), read only, with where each
stands: sent, being sent, waiting to be retried, not confirmed, or withdrawn unsent."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone

from core.admin import ReadOnlyAdminMixin
from outbox.models import ReleasedEmail, SentEmail
from outbox.services import CLAIM_LEASE

STATES = {
    "sent": "Sent",
    "sending": "Being sent",
    "waiting": "Waiting to be retried (its worker stopped; the next run sends it)",
    "unconfirmed": "Handed to the mail server, not confirmed (sent again only if an officer "
                   "releases it: Reports > Scheduled jobs)",
    "refused": "Refused by the mail server for good (never sent again)",
    "deferred": "Deferred by the recipient's mail server (tried again later, alone)",
    "withdrawn": "Withdrawn, never sent: a later message said what it was to say (a "
                 "deferred digest, overtaken by the next one), or its recipient no longer "
                 "wants it",
}


def _state_filter(state: str) -> Q:
    stale = Q(claimed_at__lt=timezone.now() - CLAIM_LEASE)
    held = Q(sent_at__isnull=True, attempted_at__isnull=True, retry_at__isnull=True,
             withdrawn_at__isnull=True)
    return {"sent": Q(sent_at__isnull=False), "sending": held & ~stale,
            "waiting": held & stale,
            "unconfirmed": Q(sent_at__isnull=True, attempted_at__isnull=False,
                             refused_at__isnull=True),
            "refused": Q(refused_at__isnull=False),
            "deferred": Q(sent_at__isnull=True, refused_at__isnull=True,
                          retry_at__isnull=False, withdrawn_at__isnull=True),
            "withdrawn": Q(withdrawn_at__isnull=False)}[state]


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return list(STATES.items())

    def queryset(self, request, queryset):
        if self.value() in STATES:
            return queryset.filter(_state_filter(self.value()))
        return queryset


@admin.register(SentEmail)
class SentEmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["kind", "content_type", "object_id", "recipient_key", "claimed_at",
                    "sent_at", "state", "failure", "message_id"]
    list_filter = [StateFilter, "kind", "sent_at"]

    @admin.display(description="state")
    def state(self, obj):
        if obj.sent_at:
            return STATES["sent"]
        if obj.refused_at:
            return STATES["refused"]
        if obj.attempted_at:
            return STATES["unconfirmed"]
        if obj.withdrawn_at:
            return STATES["withdrawn"]
        if obj.retry_at:
            return STATES["deferred"]
        if obj.claimed_at < timezone.now() - CLAIM_LEASE:
            return STATES["waiting"]
        return STATES["sending"]


@admin.register(ReleasedEmail)
class ReleasedEmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who released which unconfirmed message for sending again, when and why: read only."""

    list_display = ["kind", "recipient_key", "message_id", "released_at", "released_by",
                    "reason"]
    list_filter = ["kind", "released_at"]
