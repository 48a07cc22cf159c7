"""The Wagtail admin's "Reset your password" (/admin/password_reset/), limited and written
like the portal's other e-mails.

Limited as the subscribe form is (``core.cache.within_limit``, keyed by
``notices.services.mailbox``): ``RESETS_PER_MAILBOX`` requests an hour for one mailbox
from anywhere, and ``RESETS_PER_SENDER`` an hour from one internet address. Every request
counts, whether or not the address has an account, so the page answers the same for an
address with an account and one without: it never tells who has an account. The e-mail
comes from the portal's sender name, is marked automatic (``Auto-Submitted``), says its
language (``Content-Language``) and is in the account's language when one is known
(``tasks.account_language``). It is sent by a background task (``tasks.send_password_reset``:
in-process when no broker is configured), so the request does the same work whether or not
the address has an account.
"""

from __future__ import annotations

import logging

from django.contrib.sites.shortcuts import get_current_site
from django.utils.crypto import salted_hmac
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView

from accounts import tasks
from core.cache import within_limit
from core.form_messages import too_many_for_address, too_many_from_here
from notices.services import mailbox
from portal.client_address import address_fingerprint

logger = logging.getLogger(__name__)

#: Password-reset requests an hour for one mailbox (from anywhere), and from one internet
#: address (high: a council office or a school puts many people behind one address).
RESETS_PER_MAILBOX = 5
RESETS_PER_SENDER = 30
HOUR = 3600


class PasswordResetForm(tasks.PasswordResetMailForm):
    """Wagtail's reset form, whose e-mail is the portal's (``tasks.PasswordResetMailForm``),
    sent by a background task (``tasks.send_password_reset``): the request only queues it,
    the same for an address with an account and one without, so how long the page takes
    (a mail server can take 30 seconds) does not tell who has an account."""

    def save(self, domain_override=None, subject_template_name="", email_template_name="",
             use_https=False, token_generator=None, from_email=None, request=None,
             html_email_template_name=None, extra_email_context=None):
        """Queue the reset e-mail for the typed address (Django's signature; the task finds
        the accounts, makes the link with Django's token generator and sends; ``from_email``
        is the portal's sender). A queue that cannot be reached is logged, never shown: the
        page answers as it always does."""
        if domain_override:
            site_name = domain = domain_override
        else:
            site = get_current_site(request)
            site_name, domain = site.name, site.domain
        try:
            tasks.send_password_reset.delay(
                self.cleaned_data["email"], domain=domain, site_name=site_name,
                use_https=use_https, subject_template_name=subject_template_name,
                email_template_name=email_template_name,
                html_email_template_name=html_email_template_name)
        except Exception:
            logger.exception("A password reset e-mail could not be queued")


def within_reset_limits(*, email: str, sender: str) -> str:
    """Count one reset request for ``email`` from ``sender`` (a fingerprint of the
    visitor's address, ``portal.client_address.address_fingerprint``). Returns "" when it
    may go, "sender" when ``RESETS_PER_SENDER`` came from there this hour, "mailbox" when
    ``RESETS_PER_MAILBOX`` were asked for the mailbox this hour (``notices.services.mailbox``:
    ``Jo+x@Example.com`` counts with ``jo@example.com``). Neither looks at accounts."""
    if sender and not within_limit(f"accounts:resets-from:{sender}",
                                    limit=RESETS_PER_SENDER, seconds=HOUR):
        return "sender"
    digest = salted_hmac("accounts.reset-mailbox", mailbox(email),
                         algorithm="sha256").hexdigest()
    if not within_limit(f"accounts:resets-for:{digest}", limit=RESETS_PER_MAILBOX,
                         seconds=HOUR):
        return "mailbox"
    return ""


class PasswordResetView(WagtailPasswordResetView):
    """Wagtail's "Reset your password" page, limited (``within_reset_limits``): over a
    limit, the form is shown again (status 429) with a plain message and the typed address,
    and no e-mail goes. Otherwise Wagtail's page, "check your inbox", whether or not the
    address has an account."""

    def get_form_class(self):
        return PasswordResetForm

    def form_valid(self, form):
        over = within_reset_limits(email=form.cleaned_data["email"],
                                   sender=address_fingerprint(self.request))
        if not over:
            return super().form_valid(form)
        if over == "sender":
            form.add_error(None, too_many_from_here())
        else:
            form.add_error(None, too_many_for_address())
        return self.render_to_response(self.get_context_data(form=form), status=429)
