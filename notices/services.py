"""Writes for notices: asking, confirming, changing and ending a subscription, and sending
what the evidence log records to those who asked for it.

Sending runs in Celery tasks (``notices.tasks``) through ``outbox.send_once``: a notice is
sent to a subscriber at most once, however often a task is run again.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from wagtail.models import Locale, Page

from charter.models import EvidenceEntry, PageVersion
from core.cache import within_limit
from core.secret_keys import secret_keys
from notices import addresses, emails, selectors, staff_topics, tokens, topics
from notices.models import (
    ConfirmationSent,
    StaffNoticePreference,
    Subscriber,
    Subscription,
    UsedConfirmation,
)
from outbox.models import ReleasedEmail, SentEmail
from outbox.services import (
    CLAIM_LEASE,
    Delivery,
    Outgoing,
    about_q,
    due_again,
    earlier_carried,
    earlier_waiting,
    send_once,
    undelivered,
    waiting_released,
    waiting_withdrawn,
)

#: One confirmation e-mail per mailbox in this time, at most ``CONFIRMS_PER_MAILBOX`` requests
#: an hour for one mailbox, and at most ``CONFIRMS_PER_SENDER`` an hour from one visitor's
#: address: the form cannot be used to flood somebody's inbox. The visitor's limit is high
#: because a family hub, a school or a library puts many families behind one address.
CONFIRM_RESEND_SECONDS = 10 * 60
CONFIRMS_PER_MAILBOX = 5
CONFIRMS_PER_SENDER = 30
#: How far back a run looks for events not yet sent (``topics.LOOK_BACK``).
LOOK_BACK = topics.LOOK_BACK
#: How far back a weekly digest may reach for a subscriber whose last digest did not go
#: (deferred to the end, or refused): the next week's digest carries that week's events.
DIGEST_CARRY_BACK = dt.timedelta(weeks=5)


def _address(email: str) -> str:
    """``email`` as a key for matching: stripped and lower case (never written to)."""
    return email.strip().lower()


def as_typed(email: str) -> str:
    """``email`` as it is written to: stripped, its local part exactly as the person typed
    it (it may be case-sensitive: RFC 5321 section 2.4) and its domain in lower case (a
    domain never is) and in its Unicode form, whichever spelling was typed ("żółw.pl", not
    "xn--w-uga1v8h.pl": ``addresses.written``). Matching and deduplication stay
    case-insensitive and take either spelling of a domain as one (``_address``,
    ``_address_digest``, ``Subscriber`` looked up by ``selectors.address_q``)."""
    return addresses.written(email)


#: Mail providers whose mailboxes ignore dots in the local part, and the domain each is also
#: reached at ("j.o.e@googlemail.com" reaches joe@gmail.com).
_DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def mailbox(email: str) -> str:
    """The mailbox an address reaches, for limiting confirmations: lower case, quotes and a
    "+tag" taken off the local part (``"Jo"+news@Example.com`` reaches ``jo@example.com``
    at most providers), the domain in its IDNA form, and for Gmail the dots taken off and
    googlemail.com read as gmail.com (``J.o+x@GoogleMail.com`` reaches ``jo@gmail.com``).
    Used only as a key, never to send: the address is written to as typed."""
    local, _at, domain = _address(email).rpartition("@")
    local = local.strip(chr(34)).split("+", 1)[0]
    domain = addresses.ascii_domain(domain)
    if domain in _DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), _DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


class TooManyFromHere(Exception):
    """The visitor's address has asked for ``CONFIRMS_PER_SENDER`` confirmations this hour.
    Safe to say so: it tells nothing about who is subscribed."""


class TooManyForAddress(Exception):
    """The e-mail address has been asked for ``CONFIRMS_PER_MAILBOX`` times this hour, from
    anywhere. Safe to say so: anyone can ask for any address, so it tells nothing about who
    is subscribed."""


def subscription_request(*, email: str, topic_names: list[str], page: Page | None,
                         frequency: str, language: str, sender: str = "",
                         now: dt.datetime | None = None) -> dict | None:
    """Ask to subscribe: returns the request to send a confirmation for, or ``None`` when
    a link went to this very address, in this request's ``language``, in the last
    ``CONFIRM_RESEND_SECONDS`` and has been neither used nor replaced since (then this
    request is kept with that link, ``pending_additions``, and confirming it adds this
    request's topics and sets its frequency too). A request in another language is sent a
    link of its own, in its language, and that link becomes the fresh one, at most once per
    ``CONFIRM_RESEND_SECONDS`` a mailbox: within them a request in yet another language
    folds into it too (``fresh_link_language`` tells the page its language). Raises
    ``TooManyFromHere`` when ``sender`` (a fingerprint of the visitor's address) has asked
    ``CONFIRMS_PER_SENDER`` times this hour, and
    ``TooManyForAddress`` when ``CONFIRMS_PER_MAILBOX`` confirmations have gone to the
    mailbox (``mailbox``) this hour (a request kept with a fresh link sends nothing, so is
    not counted).

    The request returned names its link (``"link"``, a random id): requests kept with it are
    stored under that id only for as long as the link works, so confirming the link, or its
    expiry, ends them, and they never join a later link. Confirming a link ends its
    ``CONFIRM_RESEND_SECONDS`` too (``subscription_confirm``): a request made just after is
    sent a new link of its own.

    ``x+kids@example.com`` is an address of its own (its link goes to it, as the page
    says); only the hourly limit counts it with ``x@example.com``, the mailbox it reaches
    at most providers.

    Nothing but keyed digests and the kept topics is stored: the request travels in the
    encrypted link (``tokens.request_token``). The caller shows the same page whether or not
    a confirmation goes (the per-mailbox limit), so the form never tells whether an address
    is subscribed.
    """
    now = now or timezone.now()
    request = {"email": as_typed(email), "topics": sorted(set(topic_names)),
               "page": page.pk if page is not None and topics.PAGE in topic_names else None,
               "frequency": frequency, "language": language}
    if sender and not within_limit(f"notices:confirms-from:{sender}",
                                    limit=CONFIRMS_PER_SENDER, seconds=3600):
        raise TooManyFromHere
    sent_key, *older = _sent_keys(request["email"])
    fresh = cache.get(sent_key)
    if not isinstance(fresh, dict) or not fresh.get("link"):
        # A link that went just before the site's key was rotated is the fresh one too.
        fresh = next((mark for mark in (cache.get(key) for key in older)
                      if isinstance(mark, dict) and mark.get("link")), fresh)
    # A request in another language than the fresh link's gets a link of its own, in its
    # own language (within the per-mailbox limit): nobody's request in one language can
    # fold a parent's own request into an e-mail in another. Once per
    # ``CONFIRM_RESEND_SECONDS`` a mailbox: a link made so (``switched``) folds what comes
    # next in any language, and the page says the e-mail is in another language
    # (``fresh_link_language``), so alternating /ar/ and /pl/ sends no e-mail a request.
    # A mark from before marks kept their language folds, as before.
    other_language = (isinstance(fresh, dict) and bool(fresh.get("link"))
                      and fresh.get("language", language) != language
                      and not (fresh.get("switched") and now.timestamp() - fresh.get("made", 0)
                               < CONFIRM_RESEND_SECONDS))
    if other_language or not isinstance(fresh, dict) or not fresh.get("link"):
        if not within_limit(f"notices:confirms-for:{_mailbox_digest(request['email'])}",
                             limit=CONFIRMS_PER_MAILBOX, seconds=3600):
            raise TooManyForAddress
        link = {"link": secrets.token_urlsafe(12), "made": now.timestamp(),
                "language": language}
        if other_language:
            cache.set(sent_key, {**link, "switched": True}, CONFIRM_RESEND_SECONDS)
            return {**request, "link": link["link"]}
        if cache.add(sent_key, link, CONFIRM_RESEND_SECONDS):
            return {**request, "link": link["link"]}
        fresh = cache.get(sent_key)  # another request got there first
        if not isinstance(fresh, dict) or not fresh.get("link"):
            # A mark from before links had ids: this request's link replaces it.
            cache.set(sent_key, link, CONFIRM_RESEND_SECONDS)
            return {**request, "link": link["link"]}
    # No second e-mail (the inbox is not flooded), but the request is not lost either:
    # confirming the link already sent adds it too (``subscription_confirm``).
    lives = int(fresh["made"] + tokens.CONFIRM_DAYS * 24 * 3600 - now.timestamp())
    key = _pending_key(fresh["link"])
    more = cache.get(key) or []
    addition = {"topics": request["topics"], "page": request["page"],
                "frequency": request["frequency"]}
    if addition in more:
        more.remove(addition)
    more.append(addition)  # the latest last: its frequency is the one asked for last
    cache.set(key, more, max(lives, 1))
    return None


def fresh_link_language(email: str) -> str | None:
    """The language of the link sent to ``email`` in the last ``CONFIRM_RESEND_SECONDS``
    (what a request ``subscription_request`` folded into it will be confirmed in), or
    ``None`` when none is known. One cache read or two; never stores anything."""
    for key in _sent_keys(as_typed(email)):
        mark = cache.get(key)
        if isinstance(mark, dict) and mark.get("link"):
            return mark.get("language")
    return None


def _digest(purpose: str, value: str) -> str:
    """A keyed digest (HMAC with ``SECRET_KEY``) of ``value``: a list of addresses cannot
    be hashed to find whose it is. What is written is keyed with the current key; what is
    looked up is looked up under every key (``_digests``)."""
    return salted_hmac(f"notices.{purpose}", value, algorithm="sha256").hexdigest()


def _digests(purpose: str, value: str) -> list[str]:
    """Every digest ``_digest(purpose, value)`` may have been kept under: with the current
    ``SECRET_KEY`` first, then with each key in ``SECRET_KEY_FALLBACKS``, so a row or a
    cache entry made before the key was rotated is still found (as the links themselves
    still decrypt, ``tokens.request_from``)."""
    return list(dict.fromkeys(
        salted_hmac(f"notices.{purpose}", value, secret=key, algorithm="sha256").hexdigest()
        for key in secret_keys()))


def _mailbox_digest(email: str) -> str:
    return _digest("mailbox", mailbox(email))


def _address_value(email: str) -> str:
    # The address as written to, bar case, quotes and how its domain is spelt ("żółw.pl"
    # or "xn--w-uga1v8h.pl": the ASCII form, as ``mailbox``): a "+tag" makes another
    # address.
    local, _at, domain = _address(email).rpartition("@")
    return f"{local.strip(chr(34))}@{addresses.ascii_domain(domain)}"


def _address_digest(email: str) -> str:
    return _digest("address", _address_value(email))


def _address_digests(email: str) -> list[str]:
    """``_address_digest`` under every key (``_digests``), the current key's first."""
    return _digests("address", _address_value(email))


def _sent_keys(email: str) -> list[str]:
    """The cache keys under which "a link went lately to ``email``" may be kept, under
    every key (the current key's first: the one written)."""
    return [f"notices:confirm-sent:{digest}" for digest in _address_digests(email)]


def _pending_key(link: str) -> str:
    return f"notices:confirm-more:{_digest('link', link)}"


def _pending_keys(link: str) -> list[str]:
    """The cache keys the requests kept with ``link`` may be under, oldest key first (those
    kept before a rotation were asked for before those kept after it)."""
    return [f"notices:confirm-more:{digest}" for digest in reversed(_digests("link", link))]


def pending_additions(request: dict) -> list[dict]:
    """What was asked for the address of ``request`` while its link was the fresh one
    (within ``CONFIRM_RESEND_SECONDS`` of it going), so no e-mail went: a list of
    ``{"topics": [...], "page": id or None, "frequency": ...}``, oldest first, added by
    confirming that link (kept for as long as it works, ``tokens.CONFIRM_DAYS``). Those kept
    before the site's key was rotated count too. A link made before links had ids has
    none."""
    link = request.get("link")
    if not link:
        return []
    found: list[dict] = []
    for key in _pending_keys(link):
        for more in cache.get(key) or []:
            if more in found:
                found.remove(more)
            found.append(more)
    return found


def with_pending_additions(request: dict) -> list[tuple[list[str], int | None]]:
    """The (topic names, page id) pairs confirming ``request`` adds: its own, then
    ``pending_additions`` kept with its link."""
    return [(request["topics"], request.get("page"))] + [
        (more["topics"], more.get("page")) for more in pending_additions(request)]


def requested_frequency(request: dict) -> str:
    """How often the person asked to hear, their last choice: that of the latest request
    kept with ``request``'s link (``pending_additions``, all made after it), else the
    request's own."""
    frequencies = [more["frequency"] for more in pending_additions(request)
                   if more.get("frequency")]
    return frequencies[-1] if frequencies else request["frequency"]


@dataclass(frozen=True)
class Choices:
    """What confirming a link saves: the (topic names, page id) pairs it adds
    (``with_pending_additions``) and how often the person hears (``requested_frequency``)."""

    adds: tuple[tuple[tuple[str, ...], int | None], ...]
    frequency: str

    def digest(self, token_hash: str) -> str:
        """A keyed digest of these choices for the link whose token hashes to
        ``token_hash``: what the confirm page's form carries, so its button saves exactly
        what the page showed (``subscription_confirm``'s ``shown``)."""
        return _digest("choices", json.dumps([token_hash, self.adds, self.frequency]))

    def shown_here(self, shown: str, token_hash: str) -> bool:
        """Whether ``shown`` is ``digest(token_hash)`` under the current key or a fallback
        one (a page shown just before the site's key was rotated)."""
        value = json.dumps([token_hash, self.adds, self.frequency])
        return any(constant_time_compare(shown, digest)
                   for digest in _digests("choices", value))


def confirmation_choices(request: dict) -> Choices:
    """The ``Choices`` confirming ``request``'s link would save now (a cache read)."""
    return Choices(adds=tuple((tuple(names), page) for names, page in
                              with_pending_additions(request)),
                   frequency=requested_frequency(request))


def confirmation_send(*, request: dict, token: str, page_title: str | None,
                      now: dt.datetime | None = None) -> Delivery:
    """Send the double opt-in message for ``request`` (its link ``token``) through the
    outbox, so it goes at most once however often its task runs: a refusal for good (5xx)
    is recorded and never retried, a message the mail server may have queued (the answer
    after DATA never came) is never sent again, and one the recipient's server deferred is
    tried again once ``Delivery.retry_at`` has passed by the ten-minute job
    (``subscription_emails_resend``), with a broker or without. The outbox names it by a
    keyed digest of the link's id (``ConfirmationSent``), never the address; the row keeps
    the encrypted token until the message has gone or been refused for good. Sends nothing
    (an empty ``Delivery``) once the address unsubscribed or the link was used
    (``ConfirmationSent.ended``). Three queries, a fourth once it went or was refused, and
    the outbox's."""
    record = confirmation_asked(request=request, token=token, page_title=page_title, now=now)
    if record.ended in (ConfirmationSent.Ended.UNSUBSCRIBED, ConfirmationSent.Ended.USED):
        # Ended before this run (the address unsubscribed, the link was used): not sent.
        return Delivery()

    def withdrawn_why(_key: str) -> str | None:
        # Read again at the moment of sending, its claim committed: an unsubscribe since
        # the read above ends it here (one after the claim withdraws the claimed row).
        ended = (ConfirmationSent.objects.filter(pk=record.pk)
                 .values_list("ended", flat=True).first())
        if ended == ConfirmationSent.Ended.UNSUBSCRIBED:
            return "The address unsubscribed: not sent."
        if ended == ConfirmationSent.Ended.USED:
            return "Its link was used: not sent."
        return None

    delivery = send_once(kind=CONFIRMATION_KIND, about=record, withdrawn_why=withdrawn_why,
                         outgoing=[Outgoing(
                             recipient_key="request", message=emails.confirmation_message(
                                 request=request, token=token, page_title=page_title))])
    if delivery.sent or delivery.refused:
        # Nothing more to send: the request is not kept, even encrypted.
        ConfirmationSent.objects.filter(pk=record.pk).exclude(token="").update(
            token="", ended=ConfirmationSent.Ended.SENT if delivery.sent
            else ConfirmationSent.Ended.REFUSED)
    return delivery


def confirmation_asked(*, request: dict, token: str, page_title: str | None,
                       now: dt.datetime | None = None) -> ConfirmationSent:
    """The ``ConfirmationSent`` row of ``request``'s confirmation e-mail (its link
    ``token``), made when first asked: by the subscribe page before it queues the sending
    task, so an unsubscribe before that task runs finds it (by ``address_digest``) and ends
    it, and the task sends nothing. A row made before the site's key was rotated (its
    ``link_digest`` keyed with a key now in ``SECRET_KEY_FALLBACKS``) is this e-mail's too:
    found, never made again. One query (two when made, one more while there are fallback
    keys)."""
    now = now or timezone.now()
    current, *older = _digests("confirmation", request.get("link") or token)
    if older:
        # Made before the site's key was rotated: that row is this e-mail's, not a new one.
        kept = ConfirmationSent.objects.filter(link_digest__in=older).order_by("pk").first()
        if kept is not None:
            return kept
    record, _made = ConfirmationSent.objects.get_or_create(
        link_digest=current,
        defaults={"asked_at": now, "token": token, "page_title": (page_title or "")[:255],
                  "address_digest": _address_digest(request["email"])})
    return record


def _confirmations_resend(now: dt.datetime) -> int:
    """Send the confirmation e-mails due again: deferred by the recipient's mail server and
    due, left by a worker that died, or released by an officer (no outbox row), while their
    link works and has not been used. Returns how many went."""
    content_type = ContentType.objects.get_for_model(ConfirmationSent)
    # Any outbox row but one due again means sent, refused, being sent, or not due yet.
    settled = (SentEmail.objects.filter(kind=CONFIRMATION_KIND, content_type=content_type)
               .exclude(due_again(now=now)).values("object_id"))
    recorded = (SentEmail.objects.filter(kind=CONFIRMATION_KIND, content_type=content_type)
                .values("object_id"))
    due = (ConfirmationSent.objects.exclude(token="")
           .filter(asked_at__gt=now - dt.timedelta(days=tokens.CONFIRM_DAYS))
           .exclude(pk__in=settled)
           # Asked for moments ago, its task queued and not yet run: that task sends it.
           .exclude(Q(asked_at__gt=now - CLAIM_LEASE) & ~Q(pk__in=recorded))
           .order_by("pk"))
    sent = 0
    for record in due:
        try:
            request = tokens.request_from(record.token)
        except (tokens.LinkExpired, tokens.LinkBroken):
            request = None
        if request is None or selectors.confirmation_link_used(
                tokens.used_link_key(request, record.token),
                tokens.confirm_token_hash(record.token)):
            # Expired, or already pressed (it reached them after all): nothing to send.
            ConfirmationSent.objects.filter(pk=record.pk).update(
                token="", ended=ConfirmationSent.Ended.EXPIRED if request is None
                else ConfirmationSent.Ended.USED)
            continue
        sent += len(confirmation_send(request=request, token=record.token,
                                      page_title=record.page_title or None, now=now).sent)
    return sent


def _subscribed_resend(now: dt.datetime) -> int:
    """Send the "subscription confirmed" e-mails due again (deferred and due, left by a
    worker that died). Returns how many went."""
    rows = (SentEmail.objects.filter(
        kind=SUBSCRIBED_KIND, content_type=ContentType.objects.get_for_model(Subscriber))
        .filter(due_again(now=now)).order_by("pk").values_list("object_id", "recipient_key"))
    return sum(subscribed_send(subscriber_id=subscriber_id, recipient_key=key)
               for subscriber_id, key in rows)


def subscription_emails_resend(*, now: dt.datetime | None = None) -> int:
    """The ten-minute job's share for subscribing (``tasks.send_notices``, on celery beat,
    which with no broker runs it in-process on the same schedule): send again, once each,
    the confirmation e-mails and "subscription confirmed" e-mails that the recipient's mail
    server deferred and whose pause is over, those a dead worker left, and confirmation
    e-mails an officer released for sending again. Nothing relies on a task retrying itself
    after a countdown (run in-process, Celery retries at once). Returns how many went. Call
    it outside a transaction."""
    now = now or timezone.now()
    return _confirmations_resend(now) + _subscribed_resend(now)


#: The outbox kinds of a confirmation e-mail and of the "subscription confirmed" one.
CONFIRMATION_KIND = "confirmation"
SUBSCRIBED_KIND = "subscribed"


class ConfirmationUsed(Exception):
    """The confirmation link was pressed before: it confirms once only."""


class ChoicesChanged(Exception):
    """What the link asks for changed after its confirm page was shown (another request
    for the address was kept with the link): nothing was saved, and the page shows the
    choices as they are now (``choices``) to confirm again."""

    def __init__(self, choices: Choices):
        super().__init__("The choices changed since the confirm page was shown.")
        self.choices = choices


@transaction.atomic
def subscription_confirm(*, request: dict, token_hash: str = "", legacy_hash: str = "",
                         shown: str | None = None,
                         now: dt.datetime | None = None) -> Subscriber:
    """Confirm a request carried by a confirmation link remembered, once used, as
    ``token_hash`` (``tokens.used_link_key``: a digest of the request's own random id, the
    same however the link is spelt); ``legacy_hash`` (``tokens.confirm_token_hash``) is how
    a link used before then was remembered, and counts as used too. A new subscriber gets
    the request's language; an existing one keeps theirs. Both gain the request's topics,
    and those asked for while the link was fresh (``pending_additions``), and hear as often
    as was last asked (``requested_frequency``): the confirm page says so, and only the
    holder of the mailbox can press its button.

    ``shown`` is the digest of the choices the confirm page showed (``Choices.digest``,
    carried by its form): when what the link asks for has changed since (someone asked for
    the same address, from anywhere, after the page was opened), nothing is saved and
    ``ChoicesChanged`` is raised with the choices as they are now, so a press saves exactly
    what the page pressed said. ``None`` (a caller with no page) skips the check.

    Confirming ends the link's fresh time: a new request for the address gets a new link at
    once (within the per-mailbox limit), never a promise pointing at this used one.

    Confirming also empties the encrypted request kept for sending the link's e-mail again
    (``ConfirmationSent.token``): the e-mail reached them.

    Raises ``ConfirmationUsed`` when the link was used before (a second press, or a press
    after unsubscribing): nothing changes.
    """
    now = now or timezone.now()
    # Read once: exactly these are checked against the page and saved.
    choices = confirmation_choices(request)
    used = [key for key in (token_hash, legacy_hash) if key]
    if shown is not None and not choices.shown_here(shown, token_hash):
        if used and UsedConfirmation.objects.filter(token_hash__in=used).exists():
            raise ConfirmationUsed
        raise ChoicesChanged(choices)
    if legacy_hash and legacy_hash != token_hash and UsedConfirmation.objects.filter(
            token_hash=legacy_hash).exists():
        raise ConfirmationUsed
    if token_hash:
        _row, fresh = UsedConfirmation.objects.get_or_create(
            token_hash=token_hash, defaults={"used_at": now})
        if not fresh:
            raise ConfirmationUsed
    frequency = choices.frequency
    # One subscriber an address, whatever its case and however its domain is spelt;
    # written to as last confirmed.
    subscriber = (Subscriber.objects.select_for_update()
                  .filter(selectors.address_q(request["email"])).order_by("pk").first())
    made = subscriber is None
    if made:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(
                    email=request["email"], language=request["language"],
                    frequency=frequency, confirmed_at=now)
        except IntegrityError:
            # Another link for this address, in these capitals or others, was confirmed at
            # the same moment and made the subscriber first: this press adds to it (one
            # subscriber an address whatever its case: notices_one_subscriber_an_address).
            subscriber = (Subscriber.objects.select_for_update()
                          .filter(selectors.address_q(request["email"])).order_by("pk")
                          .first())
            made = False
    if not made and subscriber.email != request["email"]:
        subscriber.email = request["email"]
        subscriber.save(update_fields=["email"])
    if not made and subscriber.frequency != frequency:
        _heard_otherwise(subscriber, subscriber.frequency, frequency)
        subscriber.frequency = frequency
        subscriber.save(update_fields=["frequency"])
    for topic_names, page_id in choices.adds:
        page = Page.objects.filter(pk=page_id).first() if page_id else None
        for name in topic_names:
            if name == topics.PAGE and page is None:
                continue  # the page has gone since the link was sent
            Subscription.objects.get_or_create(subscriber=subscriber, topic=name,
                                               page=page if name == topics.PAGE else None)
    if request.get("link"):
        cache.delete_many(_pending_keys(request["link"]))
        # The link is used: its encrypted request, kept while its e-mail might go again
        # (never answered, deferred), is needed no more. Found under every key: a row made
        # before the site's key was rotated is emptied too.
        ConfirmationSent.objects.filter(
            link_digest__in=_digests("confirmation", request["link"])).exclude(
            token="").update(token="", ended=ConfirmationSent.Ended.USED)
    for sent_key in _sent_keys(request["email"]):
        fresh = cache.get(sent_key)
        if not isinstance(fresh, dict) or fresh.get("link") in (None, request.get("link")):
            cache.delete(sent_key)  # this link (or one from before links had ids) is used
    return subscriber


def subscribed_send(*, subscriber_id: int, recipient_key: str) -> int:
    """Send a subscriber, once, the message that their subscription is confirmed, with their
    links to change or stop it (``emails.subscribed_message``). ``recipient_key`` names the
    confirmation (``"link:<hash>"``): each confirming gives one message, however often the
    task runs. Returns how many went (0 once the subscriber is gone: they unsubscribed
    before it went, so it is withdrawn, never sent and no longer waiting)."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        # Withdrawn on unsubscribing (``unsubscribe``); any left from before is withdrawn now.
        waiting_withdrawn(rows=Q(kind=SUBSCRIBED_KIND, object_id=subscriber_id,
                                 content_type=ContentType.objects.get_for_model(Subscriber)),
                          reason="The subscriber unsubscribed: not sent.")
        return 0
    return len(send_once(kind=SUBSCRIBED_KIND, about=subscriber, outgoing=[
        Outgoing(recipient_key=recipient_key,
                 message=emails.subscribed_message(subscriber=subscriber))]).sent)


def used_confirmations_forget(*, now: dt.datetime | None = None) -> int:
    """Delete the hashes of confirmation links used more than ``tokens.CONFIRM_DAYS`` ago
    (those links have expired by now), and the outbox's record of confirmation e-mails asked
    for before then (``ConfirmationSent``). Returns how many used links were deleted."""
    now = now or timezone.now()
    expired = now - dt.timedelta(days=tokens.CONFIRM_DAYS)
    deleted, _ = UsedConfirmation.objects.filter(used_at__lt=expired).delete()
    old = ConfirmationSent.objects.filter(asked_at__lt=expired)
    SentEmail.objects.filter(kind=CONFIRMATION_KIND,
                             content_type=ContentType.objects.get_for_model(ConfirmationSent),
                             object_id__in=old.values("pk")).delete()
    old.delete()
    return deleted


@transaction.atomic
def subscription_update(*, subscriber: Subscriber, topic_names: list[str],
                        page_ids: list[int], frequency: str,
                        language: str | None = None) -> Subscriber:
    """Keep only ``topic_names``, and of the followed pages only ``page_ids``; set how
    often and (when given, a code from ``settings.LANGUAGES``) the e-mails' language.
    Pages are only ever added by confirming (a manage link cannot add one)."""
    subscriber.subscriptions.exclude(topic__in=topic_names).delete()
    subscriber.subscriptions.filter(topic=topics.PAGE).exclude(page_id__in=page_ids).delete()
    for name in topic_names:
        if name != topics.PAGE:
            Subscription.objects.get_or_create(subscriber=subscriber, topic=name, page=None)
    _heard_otherwise(subscriber, subscriber.frequency, frequency)
    subscriber.frequency = frequency
    subscriber.language = language or subscriber.language
    subscriber.save(update_fields=["frequency", "language"])
    return subscriber


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber) -> None:
    """Delete the subscriber, their address and every subscription; withdraw the messages to
    them not yet handed over (a deferred notice or digest), so none goes and none waits.
    Every path that ends a subscription comes here: the manage page's "stop and delete my
    address" and a mail program's one-click unsubscribe (``views.unsubscribe``).

    Their confirmation e-mails not yet sent end too (``confirmations_ended``): the encrypted
    requests kept to send them again (the address inside) are emptied, so none goes later
    (the ten-minute job, or an officer's release, finds nothing to send) and the address is
    nowhere in the database. A confirmation link already in their inbox still opens its
    page and subscribes only when its button is pressed: a request made afresh."""
    waiting_withdrawn(rows=_to_subscriber(subscriber),
                      reason="The subscriber unsubscribed: not sent.")
    confirmations_ended(email=subscriber.email)
    subscriber.delete()


def confirmations_ended(*, email: str) -> int:
    """End the confirmation e-mails for ``email`` not yet sent (the address unsubscribed):
    withdraw those waiting in the outbox (deferred by the recipient's mail server), empty the
    encrypted request each keeps (``ConfirmationSent.token``), marked
    ``Ended.UNSUBSCRIBED``, and forget that a link went lately, so a new request gets a
    link of its own rather than a promise of one that never went. Rows are found by the
    keyed digest of the address (``address_digest``) under the current key or a fallback one
    (rows made before the site's key was rotated); rows kept before it was stored are read
    one by one (a few, at most ``tokens.CONFIRM_DAYS`` old). Returns how many ended."""
    ids = list(ConfirmationSent.objects.filter(address_digest__in=_address_digests(email))
               .exclude(token="").values_list("pk", flat=True))
    for pk, token in (ConfirmationSent.objects.filter(address_digest="").exclude(token="")
                      .values_list("pk", "token")):
        try:
            if _address(tokens.request_from(token)["email"]) == _address(email):
                ids.append(pk)
        except (tokens.LinkExpired, tokens.LinkBroken, KeyError, TypeError):
            continue
    cache.delete_many(_sent_keys(email))
    if not ids:
        return 0
    waiting_withdrawn(rows=Q(kind=CONFIRMATION_KIND, object_id__in=ids,
                             content_type=ContentType.objects.get_for_model(ConfirmationSent)),
                      reason="The address unsubscribed: not sent.")
    return ConfirmationSent.objects.filter(pk__in=ids).update(
        token="", ended=ConfirmationSent.Ended.UNSUBSCRIBED)


def _to_subscriber(subscriber: Subscriber) -> Q:
    """The outbox rows of every message to ``subscriber``: notices at once (keyed by them),
    and their digests and "subscribed" message (about them)."""
    return (Q(kind__in=["notice", "caught_up"], recipient_key=f"subscriber:{subscriber.pk}")
            | about_q(subscriber))


def _heard_otherwise(subscriber: Subscriber, was: str, now: str) -> None:
    """A subscriber's frequency changes from ``was`` to ``now``: what waited to go the old
    way goes the new way, once. To weekly: notices at once not yet handed over are
    released, for the week's digest to list (it leaves out only those handed over). To at
    once: a digest not yet handed over is withdrawn, its events told at once (after
    ``digest_through``)."""
    if was == now:
        return
    if now == Subscriber.Frequency.WEEKLY:
        waiting_released(rows=Q(kind__in=["notice", "caught_up"],
                                recipient_key=f"subscriber:{subscriber.pk}"))
    else:
        waiting_withdrawn(rows=Q(kind="digest") & about_q(subscriber),
                          reason="The subscriber now hears at once: its events go that way.")


# --- sending --------------------------------------------------------------------------


def _events(since: dt.datetime, until: dt.datetime,
            known: dict | None = None) -> list[EvidenceEntry]:
    """The evidence log's entries announced to subscribers, from ``since`` to ``until``.

    A new version is announced once, from the default-language page, and only when readers
    can see a change (``selectors.version_changes_what_readers_see``); a translation's own
    publishing is not a new version of the policy (the notice of the English version already
    says where each language can read it). A consultation opening, its outcome and survey
    results are announced once per page and its translations (one ``translation_key``):
    only the first such entry in the whole log, so a Polish translation made (or published)
    after the English page opened is not a second opening. Two queries and the versions'
    comparisons."""
    entries = list(EvidenceEntry.objects.filter(
        kind__in=list(topics.KIND_TOPICS), recorded_at__gt=since, recorded_at__lte=until,
        page__isnull=False).select_related("page").order_by("sequence"))
    default = Locale.get_default().pk
    versions = {entry.pk: json.loads(entry.payload_json).get("version") for entry in entries
                if entry.kind == EvidenceEntry.Kind.VERSION_PUBLISHED}
    firsts = _first_of_each_page_group([entry for entry in entries
                                        if entry.pk not in versions])
    return [entry for entry in entries
            if (entry.pk not in versions
                and firsts.get((entry.kind, entry.page.translation_key)) == entry.sequence)
            or (entry.pk in versions and entry.page.locale_id == default
                and selectors.version_changes_what_readers_see(entry.page_id,
                                                               versions[entry.pk], known))]


def _first_of_each_page_group(entries: list[EvidenceEntry]) -> dict:
    """(kind, translation key) -> the sequence number of the first entry of that kind in the
    whole log about any page of that translation group, for the groups of ``entries``. One
    query (none for no entries)."""
    if not entries:
        return {}
    rows = (EvidenceEntry.objects
            .filter(kind__in={entry.kind for entry in entries},
                    page__translation_key__in={entry.page.translation_key for entry in entries})
            .order_by().values("kind", "page__translation_key").annotate(first=Min("sequence"))
            .values_list("kind", "page__translation_key", "first"))
    return {(kind, key): first for kind, key, first in rows}


def _page_in(page: Page, language: str) -> Page:
    """The live copy of ``page`` in ``language``, or ``page`` itself."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and page.locale_id != locale.pk:
        translated = page.get_translation_or_none(locale)
        if translated is not None and translated.live:
            return translated
    return page


def _path(page: Page) -> str:
    parts = page.get_url_parts()
    return parts[2] if parts else "/"


def describe(entry: EvidenceEntry, language: str, known: dict | None = None) -> dict:
    """What a notice says of one event, for a reader of ``language``: ``kind``, ``title`` and
    ``url`` (the page in their language where it is translated; else, for an event other
    than a new version, the title ends "(in English)" in their language, and
    ``title_in_english`` is set: also for an alias, wagtail-localize's untranslated copy,
    whose title is the English words); for a new version also its
    ``number``, ``sections`` (``selectors.changed_sections``: what the comparison shows
    changed, headings in their language where translated), the officer's change ``note``
    (``note_in_english`` when it is the English record's words in another language's
    message), ``compare_url`` (the comparison with the version before; none for a first
    version) and where the change can be read in their language
    (``selectors.reader_copy``): ``translation`` is ``""`` (their language's page shows it,
    or they read English), ``"pending"`` (their translation has not caught up:
    ``compare_url`` is the English comparison, ``url`` their language's page) or
    ``"untranslated"`` (both links are to English: ``subject_title``, the title the
    subject gives, is then marked "(in English)"); ``compare_in_english`` marks an English
    comparison."""
    if entry.kind != EvidenceEntry.Kind.VERSION_PUBLISHED:
        page = _page_in(entry.page, language).specific
        # Not translated into the reader's language (no copy, or an alias, which shows the
        # English words on their language's address): marked, as a version's notice does.
        untranslated = page.locale.language_code != language or page.alias_of_id is not None
        title = emails.mark_english(page.title, language) if untranslated else page.title
        described = {"kind": entry.kind, "title": title, "title_in_english": untranslated,
                     "url": emails.site_url(_path(page)), "when": entry.recorded_at}
        if entry.kind == EvidenceEntry.Kind.CONSULTATION_OPENED:
            described["closes"] = getattr(page, "closes", None)
        return described
    number = json.loads(entry.payload_json).get("version")
    version = PageVersion.objects.filter(page_id=entry.page_id, number=number).first()
    copy = selectors.reader_copy(entry.page, language, number)
    english_path, path = _path(entry.page), _path(copy.page)
    in_english = copy.standing != ""  # a reader of another language than the page's
    note = copy.note or (version.change_note if version else "")
    # The subject names the page too: an untranslated one's title is marked "(in English)"
    # there, as every other notice's is (the body says the page is not translated).
    subject_title = (emails.mark_english(copy.page.title, language)
                     if copy.standing == selectors.UNTRANSLATED else copy.page.title)
    described = {"kind": entry.kind, "title": copy.page.title, "when": entry.recorded_at,
                 "subject_title": subject_title,
                 "number": number, "note": note,
                 "note_in_english": bool(note) and in_english and not copy.note,
                 "translation": copy.standing if copy.standing != selectors.CURRENT else "",
                 "sections": selectors.changed_sections(entry.page_id, number, language, copy,
                                                        known),
                 "url": emails.site_url(path)}
    if number and number > 1:
        own = copy.standing == selectors.CURRENT and copy.compare_in_language
        described["compare_url"] = emails.site_url(
            f"{path if own else english_path}compare/{number - 1}/{number}/")
        described["compare_in_english"] = in_english and not own
    return described


class _Descriptions(dict):
    """``describe`` worked out once per event and language in a run, however many
    subscribers read it; each version compared once (``known``, shared with ``_events``)."""

    def __init__(self, known: dict):
        super().__init__()
        self.known = known

    def __call__(self, entry: EvidenceEntry, language: str) -> dict:
        key = (entry.pk, language)
        if key not in self:
            self[key] = describe(entry, language, self.known)
        return self[key]


def _subscribers(frequency: str):
    return Subscriber.objects.filter(frequency=frequency).prefetch_related(
        "subscriptions__page")


def describe_catch_up(catch_up: selectors.CatchUp, entry: EvidenceEntry) -> dict:
    """What a notice says of a translation that caught up with a change its reader was told
    of in English (``selectors.CatchUp``): ``kind`` ``"caught_up"``, the translation's
    ``language`` and ``title``, ``changed_on`` (when the change told of was published),
    ``url`` (the translated page) and ``compare_url`` (that page's own comparison, in its
    language, from the version the translation covered before, ``covered_from``, to the one
    it covers now: every change the reader has not read in their language). A first
    translation has no earlier version in its language to compare with: no ``compare_url``,
    and ``first_translation`` says so."""
    page = catch_up.recorded.page
    path = _path(page)
    number = json.loads(entry.payload_json).get("version") or 1
    through = catch_up.recorded.source_version.number
    described = {"kind": "caught_up", "language": page.locale.language_code,
                 "title": page.title, "changed_on": entry.recorded_at,
                 "when": catch_up.recorded.recorded_at, "url": emails.site_url(path)}
    if catch_up.covered_from >= 1:
        described["compare_url"] = emails.site_url(
            f"{path}compare/{catch_up.covered_from}/{through}/")
    elif number > 1:
        described["first_translation"] = True
    return described


def notices_send(*, now: dt.datetime | None = None) -> int:
    """Send each recorded event to the subscribers (``immediately``) it concerns, once.
    A subscriber is told only of events recorded after they confirmed. A survey whose
    results this run tells is told once, by its results: a version of its page recorded up
    to its results (the same publishing) and not sent yet goes to nobody the results
    reach (``_results_tell``), as a weekly digest tells it once. Then tell each who
    was told of a change in English that their language's translation now includes it
    (``selectors.translation_catch_ups``), once per subscriber and translation. A notice an
    officer released for sending again (handed over once, never confirmed) goes at once to
    a subscriber who reads weekly now too (``_released_to_subscribers``). Returns how
    many messages went. Call it outside a transaction (``send_once`` commits each claim)."""
    now = now or timezone.now()
    known: dict = {}  # each version compared once in this run
    events = _events(now - LOOK_BACK, now, known)
    released = _released_to_subscribers(now - LOOK_BACK)
    found = list(_subscribers(Subscriber.Frequency.IMMEDIATELY))
    weekly_released = {pk for _kind, _object, pk in released} - {s.pk for s in found}
    if weekly_released:
        found += _subscribers(Subscriber.Frequency.WEEKLY).filter(pk__in=weekly_released)
    subscribers = [(s, selectors.subscriber_interests(s)) for s in found]
    described = _Descriptions(known)
    results = _results_tell(events)
    sent = 0
    for entry in events:
        event = selectors.notice_event(entry)
        told_by = (results.get(entry.page.translation_key)
                   if entry.kind == EvidenceEntry.Kind.VERSION_PUBLISHED else None)
        if told_by is not None and told_by.recorded_at < entry.recorded_at:
            told_by = None  # a change made after the results: a news of its own
        # The results' own event, read once for every subscriber.
        told = (told_by, selectors.notice_event(told_by)) if told_by is not None else None
        outgoing = (
            Outgoing(recipient_key=f"subscriber:{s.pk}",
                     message=emails.notice_message(subscriber=s,
                                                   notices=[described(entry, s.language)],
                                                   at_once=True))
            for s, interests in subscribers
            if _notice_due(s, interests, entry, event, told,
                           again=("notice", entry.pk, s.pk) in released))
        sent += len(send_once(kind="notice", about=entry, outgoing=outgoing).sent)
    by_id = {s.pk: s for s, _interests in subscribers}
    for catch_up in selectors.translation_catch_ups(
            since=now - LOOK_BACK, until=now, subscribers=list(by_id.values())):
        outgoing = (
            Outgoing(recipient_key=f"subscriber:{pk}",
                     message=emails.notice_message(subscriber=by_id[pk], notices=[
                         describe_catch_up(catch_up, entry)], at_once=True))
            for pk, entry in catch_up.told.items()
            if ("caught_up", catch_up.recorded.pk, pk) in released
            or (by_id[pk].frequency == Subscriber.Frequency.IMMEDIATELY
                and (by_id[pk].digest_through is None
                     or by_id[pk].digest_through < catch_up.recorded.recorded_at)))
        sent += len(send_once(kind="caught_up", about=catch_up.recorded,
                              outgoing=outgoing).sent)
    return sent


def _notice_due(subscriber: Subscriber, interests, entry: EvidenceEntry, event,
                told_by: tuple[EvidenceEntry, topics.Event] | None, *, again: bool) -> bool:
    """Whether ``notices_send`` tells ``subscriber`` of ``entry`` in a notice of its own.
    ``again``: an officer released the notice for sending again after it was handed over
    and never confirmed; it goes at once, whichever way the subscriber reads now (no digest
    listed it: ``_told_at_once``), if they still follow what it tells of. Otherwise only to
    one who reads at once, and not when a digest listed it already (they read weekly until
    lately: ``digest_through``) nor when the survey's results tell it (``told_by``: their
    entry and its event)."""
    if subscriber.confirmed_at >= entry.recorded_at or not topics.concerns(event, interests):
        return False
    if again:
        return True
    return (subscriber.frequency == Subscriber.Frequency.IMMEDIATELY
            and (subscriber.digest_through is None
                 or subscriber.digest_through < entry.recorded_at)
            and not (told_by is not None and subscriber.confirmed_at < told_by[0].recorded_at
                     and topics.concerns(told_by[1], interests)))


def _released_to_subscribers(since: dt.datetime) -> set:
    """The (kind, object id, subscriber id) of the notices to subscribers (``notice``,
    ``caught_up``) an officer released for sending again since ``since`` (the outbox's
    "E-mails never confirmed" page). Each goes at once as a notice of its own, whichever way
    its reader reads now, and no digest lists it: a release is sent once, by ``notices_send``
    (``send_once`` keeps it so). One query."""
    rows = ReleasedEmail.objects.filter(
        kind__in=["notice", "caught_up"], released_at__gte=since,
        recipient_key__startswith="subscriber:").values_list("kind", "object_id",
                                                             "recipient_key")
    return {(kind, object_id, int(key.split(":")[1])) for kind, object_id, key in rows
            if key.split(":")[1].isdigit()}


def _results_tell(events: list[EvidenceEntry]) -> dict[str, EvidenceEntry]:
    """The survey results ``events`` (one run's) tell, by the survey's translation key:
    each survey's results entry. No query."""
    return {entry.page.translation_key: entry for entry in events
            if entry.kind == EvidenceEntry.Kind.SURVEY_RESULTS_PUBLISHED}


def _told_at_once(events: list[EvidenceEntry], subscribers: list[Subscriber],
                  released: set = frozenset()) -> set:
    """The (event id, subscriber id) pairs of ``events`` already handed to the mail server
    as a notice of its own (``notices_send``, while the subscriber read as it happens): the
    outbox's attempted ``notice`` rows, confirmed or not (one never confirmed may have
    reached them: it is sent again only if an officer releases it). And those released
    (``released``, from ``_released_to_subscribers``): ``notices_send`` sends them on
    their own. One query."""
    if not events or not subscribers:
        return set()
    keys = {f"subscriber:{s.pk}": s.pk for s in subscribers}
    rows = SentEmail.objects.filter(
        kind="notice", content_type=ContentType.objects.get_for_model(EvidenceEntry),
        object_id__in=[e.pk for e in events], recipient_key__in=list(keys),
        attempted_at__isnull=False).values_list("object_id", "recipient_key")
    return ({(object_id, keys[key]) for object_id, key in rows}
            | {(object_id, pk) for kind, object_id, pk in released if kind == "notice"})


def _caught_up_at_once(catch_ups: list[selectors.CatchUp], released: set = frozenset()
                       ) -> set:
    """The (translation version id, subscriber id) pairs already told at once
    (``notices_send``, while the subscriber read as it happens), and those released for
    sending again (``released``), which ``notices_send`` sends. One query."""
    if not catch_ups:
        return set()
    rows = SentEmail.objects.filter(
        kind="caught_up", content_type=ContentType.objects.get_for_model(
            catch_ups[0].recorded), object_id__in=[c.recorded.pk for c in catch_ups],
        attempted_at__isnull=False).values_list("object_id", "recipient_key")
    return ({(object_id, int(key.split(":")[1])) for object_id, key in rows}
            | {(object_id, pk) for kind, object_id, pk in released if kind == "caught_up"})


@dataclass
class DigestRun:
    """What one run of a digest job did: how many digests went (``sent``), whose the
    recipient's mail server deferred in this run (``deferred``: subscriber or user ids; the
    ten-minute job sends them once ``retry_at``, the first pause, is over: ``digests_resend``,
    ``staff_digests_resend``), and whose digest was held back because an earlier one of
    theirs was being handed to the mail server at that moment (``held_back``, also in
    ``deferred``: the task tries those again a minute later)."""

    sent: int = 0
    deferred: list[int] = field(default_factory=list)
    retry_at: dt.datetime | None = None
    held_back: list[int] = field(default_factory=list)

    def add(self, delivery: Delivery, whose: int) -> None:
        self.sent += len(delivery.sent)
        if delivery.deferred:
            self.deferred.append(whose)
            self.retry_at = min(filter(None, (self.retry_at, delivery.retry_at)))


def digests_send(*, now: dt.datetime | None = None,
                 subscriber_ids: list[int] | None = None) -> int:
    """``digests_run``, returning how many digests went."""
    return digests_run(now=now, subscriber_ids=subscriber_ids).sent


def digests_run(*, now: dt.datetime | None = None,
                subscriber_ids: list[int] | None = None) -> DigestRun:
    """Send each weekly subscriber one message with the events that concern them since
    their last digest went (nothing when there were none), once per subscriber and week. An
    event already sent to them on its own (they read as it happens until lately) is left
    out: a change is told to a subscriber once, whichever frequency. ``subscriber_ids``
    limits it to those subscribers (a digest an officer released for sending again, or one
    the recipient's mail server deferred: nobody else's digest goes before its day).

    A digest starts where the subscriber's last one that went ended (``digest_through``),
    ``LOOK_BACK`` at most. A digest of an earlier week that never reached them (deferred to
    the end of its week, its worker stopped, or refused) is carried: this week's lists its
    events (reaching back ``DIGEST_CARRY_BACK`` at most), and the earlier one, if it still
    waits, is withdrawn as carried (``outbox.services.earlier_carried``) just before, so it
    never goes as well and no longer waits. One still being handed to the mail server at
    this moment holds this week's back to a later run (``DigestRun.deferred``)."""
    now = now or timezone.now()
    key = _week_key(now)
    weekly = list(_subscribers(Subscriber.Frequency.WEEKLY))
    if subscriber_ids is not None:
        weekly = [s for s in weekly if s.pk in set(subscriber_ids)]
    # Each starts where their last digest that went ended, LOOK_BACK at most, or, after a
    # digest that never reached them (deferred to the end, refused), DIGEST_CARRY_BACK.
    missed = undelivered(kind="digest", model=Subscriber)
    starts = {}
    for s in weekly:
        carried = missed.get(s.pk) is not None and missed[s.pk] > _digest_since(s)
        starts[s.pk] = max(_digest_since(s),
                           now - (DIGEST_CARRY_BACK if carried else LOOK_BACK))
    start = min([now - LOOK_BACK, *starts.values()])
    known: dict = {}  # each version compared once in this run
    events = _events(start, now, known)
    described = _Descriptions(known)
    released = _released_to_subscribers(start)
    told = _told_at_once(events, weekly, released)
    catch_ups = selectors.translation_catch_ups(since=start, until=now, subscribers=weekly)
    caught_told = _caught_up_at_once(catch_ups, released)
    event_of = {e.pk: selectors.notice_event(e) for e in events}
    earlier = earlier_waiting(kind="digest", model=Subscriber, current_key=key, now=now)
    run = DigestRun()
    for subscriber in weekly:
        since = starts[subscriber.pk]
        interests = selectors.subscriber_interests(subscriber)
        chosen = [e for e in events
                  if e.recorded_at > since and (e.pk, subscriber.pk) not in told
                  and topics.concerns(event_of[e.pk], interests)]
        results = _results_told(chosen)
        mine = [described(e, subscriber.language) for e in chosen
                if not (e.kind == EvidenceEntry.Kind.VERSION_PUBLISHED
                        and e.page.translation_key in results)]
        mine += [describe_catch_up(c, c.told[subscriber.pk]) for c in catch_ups
                 if subscriber.pk in c.told and c.recorded.recorded_at > since
                 and (c.recorded.pk, subscriber.pk) not in caught_told
                 and c.recorded.page.translation_key not in results]
        if subscriber.pk in earlier and earlier_carried(
                kind="digest", about=subscriber, current_key=key, now=now).in_flight:
            run.deferred.append(subscriber.pk)
            run.held_back.append(subscriber.pk)
            continue
        if not mine:
            continue
        delivery = send_once(
            kind="digest", about=subscriber,
            outgoing=[Outgoing(recipient_key=key,
                               message=emails.notice_message(subscriber=subscriber,
                                                             notices=mine))])
        if delivery.sent:
            Subscriber.objects.filter(pk=subscriber.pk).update(digest_through=now)
        run.add(delivery, subscriber.pk)
    return run


def _results_told(entries: list[EvidenceEntry]) -> set:
    """The translation keys of the surveys whose results ``entries`` (one digest's) publish.
    One survey is told once in a digest: by its results, which link to the survey in the
    reader's language, not also by the versions of its page published that week nor by its
    translation catching up (each a second or third way of telling the same page, some
    with English links for a translation not yet caught up). No query."""
    return {entry.page.translation_key for entry in entries
            if entry.kind == EvidenceEntry.Kind.SURVEY_RESULTS_PUBLISHED}


def _week_key(now: dt.datetime) -> str:
    """The outbox key of the weekly digest of the week holding ``now`` (ISO week, local
    time): ``"week:2026-W49"``."""
    return "week:" + now.astimezone(timezone.get_default_timezone()).strftime("%G-W%V")


def _day_key(now: dt.datetime) -> str:
    """The outbox key of the daily e-mail of the day holding ``now`` (local time):
    ``"day:2026-12-01"``."""
    return f"day:{timezone.localdate(now).isoformat()}"


def _due_in_period(kind: str, model: type, key: str, now: dt.datetime) -> list[int]:
    """The ids of the ``model`` objects whose message of ``kind`` for the period ``key`` is
    due again at ``now`` (``outbox.services.due_again``: deferred by the recipient's mail
    server and its pause over, or left by a worker that died). One query."""
    return list(SentEmail.objects.filter(
        due_again(now=now), kind=kind, recipient_key=key,
        content_type=ContentType.objects.get_for_model(model))
        .order_by("object_id").values_list("object_id", flat=True))


def _nothing_left(kind: str, model: type, key: str, ids: list[int], now: dt.datetime) -> int:
    """Withdraw the messages of ``kind`` for the period ``key`` to ``ids`` still due after a
    run that took none of them: nothing is left to tell (told another way since), so they
    neither go nor wait. One query."""
    if not ids:
        return 0
    return waiting_withdrawn(
        rows=Q(kind=kind, recipient_key=key, object_id__in=ids,
               content_type=ContentType.objects.get_for_model(model)) & due_again(now=now),
        reason="Nothing left to tell when due again: not sent.", now=now)


def digests_resend(*, now: dt.datetime | None = None) -> int:
    """The ten-minute job's share for weekly digests (``tasks.send_notices``, on celery beat,
    which with no broker runs it in-process on the same schedule): send again, once each,
    this week's digests that the recipient's mail server deferred and whose pause is over,
    and those a dead worker left, for those subscribers alone (``digests_run``). Only this
    week's: one of an earlier week waits for this week's digest, which carries its events
    and withdraws it (``outbox.services.earlier_carried``), so it neither goes as well nor
    goes before this week's. One due again with nothing left to tell is withdrawn. One query
    when none is due. Returns how many went. Call it outside a transaction."""
    now = now or timezone.now()
    key = _week_key(now)
    due = _due_in_period("digest", Subscriber, key, now)
    if not due:
        return 0
    run = digests_run(now=now, subscriber_ids=due)
    _nothing_left("digest", Subscriber, key, [pk for pk in due if pk not in run.held_back],
                  now)
    return run.sent


def _digest_since(subscriber: Subscriber) -> dt.datetime:
    """Where a weekly subscriber's next digest starts: the end of the last one that went,
    or when they confirmed."""
    return max(filter(None, [subscriber.digest_through, subscriber.confirmed_at]))


# --- forum representatives and officers ------------------------------------------------

#: How far back a run looks for events staff have not been told of
#: (``staff_topics.LOOK_BACK``).
STAFF_LOOK_BACK = staff_topics.LOOK_BACK
#: How far back a daily digest may reach for a person whose earlier digests did not go.
STAFF_CARRY_BACK = dt.timedelta(days=14)
#: The Django groups that hold each role (``charter.permissions``).
STAFF_ROLES = selectors.STAFF_ROLES


def staff_preference(user) -> StaffNoticePreference:
    """The user's notice preference, or the default (at once, in English) unsaved."""
    try:
        return user.notice_preference
    except StaffNoticePreference.DoesNotExist:
        return StaffNoticePreference(user=user)


@transaction.atomic
def staff_preference_set(*, user, frequency: str, language: str) -> StaffNoticePreference:
    """Save how often (``StaffNoticePreference.Frequency``, ``OFF`` for none) and in which
    language ``user`` hears of co-production events; what waited to go the old way goes the
    new way, once, or not at all (``_staff_heard_otherwise``)."""
    was = staff_preference(user).frequency
    preference, _made = StaffNoticePreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency, "language": language})
    user.notice_preference = preference  # what ``staff_preference`` reads from now on
    _staff_heard_otherwise(user, preference, was)
    return preference


@transaction.atomic
def staff_notices_off(*, user) -> StaffNoticePreference:
    """Turn off every co-production e-mail to ``user`` (a one-click ``List-Unsubscribe``
    from their mail program, or the button on their notices' page), keeping their language;
    nothing else about them changes, and they may turn them back on from the same page.
    Pressed twice, it stays off. A notice or daily e-mail to them not yet handed over (one
    the mail server deferred) is withdrawn: none goes, none waits."""
    was = staff_preference(user).frequency
    preference, _made = StaffNoticePreference.objects.update_or_create(
        user=user, defaults={"frequency": StaffNoticePreference.Frequency.OFF})
    user.notice_preference = preference  # what ``staff_preference`` reads from now on
    _staff_heard_otherwise(user, preference, was)
    return preference


def _staff_heard_otherwise(user, preference: StaffNoticePreference, was: str) -> None:
    """``user`` now hears ``preference.frequency`` instead of ``was``. Turned off: their
    notices and daily e-mails not yet handed over are withdrawn. To daily: notices at once
    not yet handed over are released, for the day's e-mail to list. To at once: a daily
    e-mail not yet handed over is withdrawn; the events it was to list (none on record as
    told) go at once."""
    now = preference.frequency
    if was == now:
        return
    notices = Q(kind__startswith="staff:") & (Q(recipient_key=f"user:{user.pk}")
                                              | Q(recipient_key__startswith=f"user:{user.pk}:"))
    digests = Q(kind="staff_digest") & about_q(preference)
    if now == StaffNoticePreference.Frequency.OFF:
        waiting_withdrawn(rows=notices | digests, reason="Turned off by the person: not sent.")
    elif now == StaffNoticePreference.Frequency.DAILY:
        waiting_released(rows=notices)
    else:
        waiting_withdrawn(rows=digests,
                          reason="The person now hears at once: its events go that way.")


def _staff_key(user_id: int, event: selectors.StaffEvent) -> str:
    return f"user:{user_id}" + (f":{event.variant}" if event.variant else "")


def _told(events) -> set:
    """The outbox keys (kind, content type, object, recipient) of the staff notices already
    on record, sent at once or listed in a digest, for ``events``. One query for all."""
    if not events:
        return set()
    rows = SentEmail.objects.filter(kind__in={e.outbox_kind for e in events},
                                    object_id__in={e.about.pk for e in events})
    return {(row.kind, row.content_type_id, row.object_id, row.recipient_key)
            for row in rows.only("kind", "content_type_id", "object_id", "recipient_key")}


def _released_to_staff(since: dt.datetime) -> set:
    """The outbox keys (kind, content type, object, recipient) of the notices to the forum
    or officers an officer released for sending again since ``since`` (the "E-mails never
    confirmed" page). Each goes at once as a notice of its own, whichever way its reader
    hears now (``staff_notices_send``), and no daily e-mail lists it. One query."""
    return set(ReleasedEmail.objects.filter(
        kind__startswith="staff:", released_at__gte=since).values_list(
            "kind", "content_type_id", "object_id", "recipient_key"))


def _record_key(event, user_id: int) -> tuple:
    return (event.outbox_kind, ContentType.objects.get_for_model(event.about).pk,
            event.about.pk, _staff_key(user_id, event))


def _had_joined(user, event: selectors.StaffEvent) -> bool:
    """Whether ``user``'s account existed when ``event`` happened: someone added later is not
    told of what happened before them (``STAFF_LOOK_BACK`` would otherwise reach back)."""
    return user.date_joined is None or event.when >= user.date_joined


def staff_notices_send(*, now: dt.datetime | None = None) -> int:
    """Tell each member of staff who hears at once of each event meant for them, once each
    (``outbox.send_once`` keyed by event and person), and each who reads a daily e-mail now
    of a notice an officer released for sending again (``_released_to_staff``). Returns how
    many messages went. Call it outside a transaction."""
    now = now or timezone.now()
    events = selectors.staff_events(now=now, since=now - STAFF_LOOK_BACK)
    if not events:
        return 0
    released = _released_to_staff(now - STAFF_LOOK_BACK)
    hearing = (StaffNoticePreference.Frequency.IMMEDIATELY, StaffNoticePreference.Frequency.DAILY)
    people = [(user, person) for user, person in selectors.staff(STAFF_ROLES)
              if staff_preference(user).frequency in hearing]
    by_id = {person.user_id: (user, person) for user, person in people}
    sent = 0
    for event in events:
        # A daily reader hears of an event at once only when an officer released the
        # notice for sending again (their daily e-mail leaves it out: ``_released_to_staff``).
        told = [user_id for user_id in staff_topics.recipients(
                    event.kind, [p for _u, p in people], actor_id=event.actor_id)
                if _had_joined(by_id[user_id][0], event)
                and (staff_preference(by_id[user_id][0]).frequency
                     == StaffNoticePreference.Frequency.IMMEDIATELY
                     or _record_key(event, user_id) in released)]
        outgoing = (Outgoing(recipient_key=_staff_key(user_id, event),
                             message=emails.staff_message(
                                 user=by_id[user_id][0], person=by_id[user_id][1],
                                 preference=staff_preference(by_id[user_id][0]),
                                 events=[event], at_once=True))
                    for user_id in told)
        sent += len(send_once(kind=event.outbox_kind, about=event.about, outgoing=outgoing).sent)
    return sent


def staff_digests_resend(*, now: dt.datetime | None = None) -> int:
    """The ten-minute job's share for daily e-mails to the forum and officers
    (``tasks.send_staff_notices``, on celery beat, in-process with no broker): send again,
    once each, today's that the recipient's mail server deferred and whose pause is over, and
    those a dead worker left, for those people alone (``staff_digests_run``). Only today's:
    an earlier day's waits for the next day's e-mail, which carries it. One due again with
    nothing left to tell is withdrawn. One query when none is due. Returns how many went.
    Call it outside a transaction."""
    now = now or timezone.now()
    key = _day_key(now)
    due = _due_in_period("staff_digest", StaffNoticePreference, key, now)
    if not due:
        return 0
    users = dict(StaffNoticePreference.objects.filter(pk__in=due)
                 .values_list("pk", "user_id"))
    run = staff_digests_run(now=now, user_ids=list(users.values()))
    _nothing_left("staff_digest", StaffNoticePreference, key,
                  [pk for pk in due if users.get(pk) not in run.held_back], now)
    return run.sent


def staff_digests_send(*, now: dt.datetime | None = None,
                       user_ids: list[int] | None = None) -> int:
    """``staff_digests_run``, returning how many went."""
    return staff_digests_run(now=now, user_ids=user_ids).sent


def staff_digests_run(*, now: dt.datetime | None = None,
                      user_ids: list[int] | None = None) -> DigestRun:
    """Send each member of staff who chose a daily e-mail one message listing the events
    meant for them that no message has told them of yet; nothing when there are none. One
    digest per person and day, however often it runs. ``user_ids`` limits it to those people
    (a digest an officer released for sending again, or one the recipient's mail server
    deferred). An earlier day's digest that never went (deferred to the end, or its worker
    stopped) is carried: today's lists what it was to list (events no message told, looking
    back ``STAFF_LOOK_BACK`` from when that digest was first made, ``STAFF_CARRY_BACK`` at
    most), and the earlier one is closed as carried (``outbox.services.earlier_carried``), so
    it never goes as well and no longer waits."""
    now = now or timezone.now()
    key = _day_key(now)
    earlier = earlier_waiting(kind="staff_digest", model=StaffNoticePreference,
                              current_key=key, now=now)
    oldest = now - STAFF_CARRY_BACK
    starts = {pk: max(first - STAFF_LOOK_BACK, oldest) for pk, first in earlier.items()}
    events = selectors.staff_events(now=now, since=min([now - STAFF_LOOK_BACK,
                                                       *starts.values()]))
    # A notice released for sending again goes at once (``staff_notices_send``), not here.
    told = _told(events) | _released_to_staff(min([now - STAFF_LOOK_BACK, *starts.values()]))
    run = DigestRun()
    for user, person in selectors.staff(STAFF_ROLES):
        if user_ids is not None and user.pk not in user_ids:
            continue
        preference = staff_preference(user)
        if preference.pk is None or preference.frequency != StaffNoticePreference.Frequency.DAILY:
            continue
        since = min(now - STAFF_LOOK_BACK, starts.get(preference.pk, now))
        mine = [e for e in events
                if e.when > since
                and staff_topics.recipients(e.kind, [person], actor_id=e.actor_id)
                and _had_joined(user, e) and _record_key(e, user.pk) not in told]
        if preference.pk in earlier and earlier_carried(
                kind="staff_digest", about=preference, current_key=key, now=now).in_flight:
            run.deferred.append(user.pk)
            run.held_back.append(user.pk)
            continue
        if not mine:
            continue

        def record(_keys, mine=mine, user=user):
            # Each event listed is on record as told, so no later message repeats it.
            SentEmail.objects.bulk_create(
                [SentEmail(kind=e.outbox_kind, content_type=ContentType.objects.get_for_model(
                    e.about), object_id=e.about.pk, recipient_key=_staff_key(user.pk, e),
                    sent_at=now) for e in mine], ignore_conflicts=True)

        delivery = send_once(kind="staff_digest", about=preference, on_sent=record, outgoing=[
            Outgoing(recipient_key=key, message=emails.staff_message(
                user=user, person=person, preference=preference, events=mine))])
        run.add(delivery, user.pk)
    return run
