"""The messages subscribers receive, each in the subscriber's language.

Every message to a subscriber carries their own unsubscribe link, in the text and in the
``List-Unsubscribe`` and ``List-Unsubscribe-Post`` headers (RFC 2369, RFC 8058), so a mail
program's "Unsubscribe" button works in one click. Every notice to the forum and officers
carries, in its last lines and in the same headers, the link to that person's own page
for their co-production e-mails (``staff_emails_url``): one click turns them off, and the
page turns them back on or changes how often. Notices and digests, to subscribers and to
staff, are marked ``Precedence: bulk``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from notices import selectors, staff_topics, tokens
from notices.models import Subscriber, Subscription
from outbox.messages import PortalEmailMessage, automatic_message
from portal.text_direction import typed_in_english

#: The forum's decisions and the council's answers as a message says them (the values are
#: ``ForumReviewTaskState.Decision`` and ``CommentAnswer.Disposition``).
DECISIONS = {"agreed": _("agreed"),
             "agreed_with_disagreement": _("agreed, with a stated disagreement"),
             "changes_requested": _("sent back for changes")}
DISPOSITIONS = {"accepted": _("accepted"), "partly": _("partly accepted"),
                "not_accepted": _("not accepted"), "noted": _("noted")}
#: What a new version did to a section (``charter.versions``' statuses), as a notice says it.
SECTION_CHANGES = {"added": _("new section"), "removed": _("section removed"),
                   "changed": _("words changed"), "moved": _("moved")}
#: The kinds of school closure (``consultations.scheduling``) as a calendar clash names them.
CLOSURES = {"holiday": _("school holiday"), "half_term": _("half term"),
            "bank_holiday": _("bank holiday"), "closure": _("closure day")}


def site_url(path: str) -> str:
    """``path`` on the site's real address (``PORTAL_BASE_URL``; required in production)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def localised_path(name: str, language: str, **kwargs) -> str:
    """A notices route's path in ``language`` (``/pl/notices/...`` for Polish)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def subscriber_links(subscriber) -> dict[str, str]:
    """The subscriber's manage and unsubscribe addresses, in their language."""
    token = tokens.subscriber_token(subscriber.pk)
    return {
        "manage_url": site_url(localised_path("notices:manage", subscriber.language,
                                              token=token)),
        "unsubscribe_url": site_url(localised_path("notices:unsubscribe", subscriber.language,
                                                   token=token)),
    }


def _message(*, to: str, language: str, template: str, context: dict,
             unsubscribe_url: str | None, bulk: bool = False) -> PortalEmailMessage:
    """One message in ``language``. ``bulk``: one of many of a mailing (notices and
    digests), marked ``Precedence: bulk`` (RFC 2076: out-of-office and other automatic
    replies stay away); ``unsubscribe_url`` gives ``List-Unsubscribe`` with RFC 8058's
    one-click ``List-Unsubscribe-Post``."""
    with translation.override(language):
        subject = render_to_string(f"notices/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"notices/email/{template}.txt", context)
    headers = {}
    if bulk:
        headers["Precedence"] = "bulk"
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return automatic_message(subject=" ".join(subject.split()), body=body, to=[to],
                             language=language, headers=headers)


def confirmation_message(*, request: dict, token: str,
                         page_title: str | None) -> PortalEmailMessage:
    """The double opt-in message: what was asked for (``asked``: the topics' labels, a
    policy by its title) and how often, the link that confirms it, and until when that link
    works (``tokens.link_expires``: the date and time in the reader's language, UK time),
    however late the message goes. To an address already subscribed it says that ignoring
    it changes nothing (rather than that the address is not kept), and that their e-mails
    stay in the language they chose (``language_name``). A policy's title is its
    translation's in the reader's language, or marked "(in English)" as the "subscription
    confirmed" e-mail marks it (``_title_for``). Three queries at most."""
    language = request["language"]
    confirm_url = site_url(localised_path("notices:confirm", language, token=token))
    # Someone already subscribed: ignoring the e-mail changes nothing, their address is
    # kept (for the e-mails they already get) and confirming keeps their e-mails' language
    # (``services.subscription_confirm``); only the mailbox holder reads this.
    kept_language = selectors.subscriber_language(request["email"])
    subscribed = kept_language is not None
    with translation.override(language):
        kept_language = language_name(kept_language) if subscribed else ""
        names = dict(Subscription.Topic.choices)
        page_title = _title_for(request.get("page"), page_title, language)
        asked = [_("Changes to “%(title)s”") % {"title": page_title}
                 if name == Subscription.Topic.PAGE else names.get(name, name)
                 for name in request["topics"]
                 if name != Subscription.Topic.PAGE or page_title]
        asked = [str(label) for label in asked]
        frequency = str(Subscriber.Frequency(request["frequency"]).label)
        # The link's clock started when it was asked for: one sent late (deferred, or
        # released by an officer days later) says how long it really has left.
        until = timezone.localtime(tokens.link_expires(token))
        works_until = {"date": formats.date_format(until, "DATE_FORMAT"),
                       "time": formats.time_format(until, "H:i")}
    return _message(to=request["email"], language=language, template="confirm",
                    context={"topics": request["topics"], "page_title": page_title,
                             "asked": asked, "frequency": request["frequency"],
                             "frequency_label": frequency, "confirm_url": confirm_url,
                             "works_until": works_until, "subscribed": subscribed,
                             "kept_language": kept_language},
                    unsubscribe_url=None)


def _title_for(page_id: int | None, title: str | None, language: str) -> str | None:
    """The title a message in ``language`` gives the policy ``page_id`` (``title`` as the
    request had it): its translation's where it is translated (``selectors.titles_in``),
    else marked "(in English)" for a reader of another language, as
    ``subscribed_message`` does. ``title`` as it is when the page has gone. Two queries at
    most."""
    pages = selectors.page_titles([page_id]) if page_id and title else []
    if not pages:
        return title
    translated = selectors.titles_in(pages, language).get(pages[0].translation_key)
    if translated is not None:
        return translated
    if selectors.reads_default_language(language):
        return pages[0].title
    return mark_english(pages[0].title, language)


def subscribed_message(*, subscriber) -> PortalEmailMessage:
    """Sent once a subscription is confirmed: what the subscriber follows (a policy by its
    title in their language where translated, else marked "(in English)") and how often,
    with their own links to change or stop their e-mails (and in ``List-Unsubscribe``)."""
    language = subscriber.language
    links = subscriber_links(subscriber)
    followed = list(subscriber.subscriptions.select_related("page").order_by("pk"))
    pages = [s.page for s in followed if s.page_id]
    titles = selectors.titles_in(pages, language)
    in_english = not selectors.reads_default_language(language)
    with translation.override(language):
        names = dict(Subscription.Topic.choices)
        asked = []
        for s in followed:
            if s.page_id:
                title = titles.get(s.page.translation_key)
                if title is None:
                    title = mark_english(s.page.title, language) if in_english \
                        else s.page.title
                asked.append(str(_("Changes to “%(title)s”") % {"title": title}))
            else:
                asked.append(str(names.get(s.topic, s.topic)))
        frequency = str(Subscriber.Frequency(subscriber.frequency).label)
    return _message(to=subscriber.email, language=language, template="subscribed",
                    context={"asked": asked, "frequency_label": frequency, **links},
                    unsubscribe_url=links["unsubscribe_url"])


def notice_message(*, subscriber, notices: list[dict],
                   at_once: bool = False) -> PortalEmailMessage:
    """One notice (``frequency`` immediately, or ``at_once``: one released for sending again
    to a subscriber who reads weekly now) or a week's digest: ``notices`` are dicts made
    by ``services.describe`` (``kind``, ``title``, ``url``, ``compare_url``, ``note``...)."""
    links = subscriber_links(subscriber)
    notices = [{**n, "sections": [{"heading": c.heading, "in_english": c.in_english,
                                   "change": SECTION_CHANGES.get(c.status, c.status)}
                                  for c in n.get("sections", ())]} for n in notices]
    template = "notice" if len(notices) == 1 and (
        at_once or subscriber.frequency == "immediately") else "digest"
    return _message(to=subscriber.email, language=subscriber.language, template=template,
                    context={"notices": notices, "notice": notices[0], **links},
                    unsubscribe_url=links["unsubscribe_url"], bulk=True)


# --- forum representatives and officers ------------------------------------------------


def _staff_url(event, person, language: str) -> str:
    """Where a notice of ``event`` sends this person: the forum's draft page for a forum
    representative, the admin's comments or the page's edit view for an officer."""
    page_id = event.page.pk if event.page is not None else None
    forum_kind = staff_topics.FORUM in staff_topics.AUDIENCES.get(event.kind, ())
    if event.review_id and forum_kind and staff_topics.FORUM in person.roles:
        return site_url(localised_path("forum_draft", language, review_id=event.review_id))
    if page_id is None:
        return site_url("/admin/")
    if event.kind in (staff_topics.OPENS_SOON, staff_topics.CLOSES_SOON,
                      staff_topics.WINDOW_IN_HOLIDAY):
        return site_url(reverse("wagtailadmin_pages:edit", args=[page_id]))
    return site_url(reverse("charter_page_comments", args=[page_id]))


def _day(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _clash(fact: dict) -> dict:
    """A calendar clash fact (``staff_topics.clash_facts``) with dates as dates and the kind
    of closure in words."""
    fact = dict(fact)
    for key in ("first", "last"):
        if fact.get(key):
            fact[key] = _day(fact[key])
    if fact.get("kind"):
        fact["kind"] = CLOSURES.get(fact["kind"], fact["kind"])
    return fact


def staff_item(event, person, language: str, titles: dict | None = None) -> dict:
    """What a message says of one event for one person: ``kind``, ``title``, ``url`` and the
    event's details made readable (dates as dates, the decision's words). For an event about
    a forum review, what has happened to the review since: ``decided_since`` (the decision's
    words), ``withdrawn_since`` (ended with no decision: the council took the draft back) and
    ``deadline_now`` (its deadline as it stands). ``titles`` (``selectors.titles_in``) give
    the page's title in ``language`` where it is translated."""
    details = dict(event.details)
    for key in ("deadline", "from", "to"):
        if details.get(key):
            details[key] = _day(details[key])
    if details.get("problems"):
        details["problems"] = [_clash(fact) for fact in details["problems"]]
    if details.get("at"):
        details["at"] = dt.datetime.fromisoformat(details["at"])
    if details.get("decision"):
        details["decision"] = DECISIONS.get(details["decision"], details["decision"])
    if details.get("disposition"):
        details["disposition"] = DISPOSITIONS.get(details["disposition"],
                                                  details["disposition"])
    # The review as it stands now (``selectors._as_they_stand``): decided or withdrawn since
    # the event, and its deadline today.
    status = details.pop("review_status", None)
    decided = details.pop("review_decision", "")
    deadline_now = details.pop("review_deadline", "")
    if decided:
        details["decided_since"] = DECISIONS.get(decided, decided)
    elif status not in (None, "in_progress"):
        details["withdrawn_since"] = True
    if deadline_now or details.get("deadline"):
        details["deadline_now"] = _day(deadline_now or details["deadline"])
    # Staff events are about the default language's pages: a reader of another language
    # reads a title their translation does not give, and a section's heading (the draft's
    # words), in English, and is told so.
    in_english = not selectors.reads_default_language(language)
    title = ""
    if event.page is not None:
        translated = (titles or {}).get(event.page.translation_key)
        title = translated or event.page.title
        if translated is None and in_english:
            title = mark_english(title, language)
    if details.get("section") and in_english:
        details["section"] = mark_english(details["section"], language)
    # An officer's reason, typed in the admin, is marked as titles are when it is English
    # (by its words: one typed in the reader's language is not).
    if details.get("reason") and in_english and typed_in_english(details["reason"],
                                                                 language=language):
        details["reason"] = mark_english(details["reason"], language)
    return {"kind": event.kind, "title": title,
            "url": _staff_url(event, person, language), **details}


def language_name(code: str) -> str:
    """The name of the language ``code`` (from ``settings.LANGUAGES``) in the active language
    ("Polish" in English, "البولنديّة" in Arabic; "en-gb" is "English"): a reader may not read
    the language named. An unknown code is returned as it is."""
    for known in (code.split("-")[0], code):
        try:
            return str(translation.get_language_info(known)["name_translated"])
        except KeyError:
            continue
    return code


def mark_english(words: str, language: str) -> str:
    """``words`` marked "(in English)" in ``language`` ("Walking distances (po angielsku)"):
    English words (an untranslated title, an alias's) in a message in another language. The
    messages are plain text, so the words themselves say it."""
    with translation.override(language):
        return f"{words} {translation.gettext('(in English)')}"


def staff_message(*, user, person, preference, events: list,
                  at_once: bool = False) -> PortalEmailMessage:
    """One notice (a person who hears at once, or ``at_once``: one released for sending
    again to someone who reads a daily e-mail now) or a day's digest: ``events`` are
    ``selectors.StaffEvent``s, written in the person's chosen language."""
    language = preference.language or settings.LANGUAGE_CODE
    titles = selectors.titles_in([event.page for event in events], language)
    items = [staff_item(event, person, language, titles) for event in events]
    digest = preference.frequency == staff_topics.DAILY and not at_once
    emails_url = staff_emails_url(user, language)
    context = {"items": items, "item": items[0], "digest": digest,
               "preferences_url": site_url(localised_path("notices:staff_preferences",
                                                          language)),
               "staff_emails_url": emails_url}
    return _message(to=user.email, language=language,
                    template="staff_digest" if digest else "staff_notice", context=context,
                    unsubscribe_url=emails_url, bulk=True)


def staff_emails_url(user, language: str) -> str:
    """The address of ``user``'s own page for their co-production e-mails, in ``language``:
    the link at the end of each staff notice, and its ``List-Unsubscribe`` (a one-click POST
    there turns their notices off; the page turns them back on)."""
    return site_url(localised_path("notices:staff_emails", language,
                                   token=tokens.staff_token(user.pk)))
