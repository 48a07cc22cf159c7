"""The messages subscribers receive, each in the subscriber's language.

Every message carries its subscriber's own unsubscribe link, in the text and in the
``List-Unsubscribe`` and ``List-Unsubscribe-Post`` headers (RFC 2369, RFC 8058), so a mail
program's "Unsubscribe" button works in one click.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from notices import tokens


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
             unsubscribe_url: str | None) -> EmailMessage:
    with translation.override(language):
        subject = render_to_string(f"notices/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"notices/email/{template}.txt", context)
    headers = {"Content-Language": language}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[to],
                        headers=headers)


def confirmation_message(*, request: dict, token: str, page_title: str | None) -> EmailMessage:
    """The double opt-in message: what was asked for, and the link that confirms it."""
    language = request["language"]
    confirm_url = site_url(localised_path("notices:confirm", language, token=token))
    return _message(to=request["email"], language=language, template="confirm",
                    context={"topics": request["topics"], "page_title": page_title,
                             "frequency": request["frequency"], "confirm_url": confirm_url,
                             "days": tokens.CONFIRM_DAYS},
                    unsubscribe_url=None)


def notice_message(*, subscriber, notices: list[dict]) -> EmailMessage:
    """One notice (``frequency`` immediately) or a week's digest: ``notices`` are dicts made
    by ``services.describe`` (``kind``, ``title``, ``url``, ``compare_url``, ``note``...)."""
    links = subscriber_links(subscriber)
    template = "notice" if len(notices) == 1 and subscriber.frequency == "immediately" \
        else "digest"
    return _message(to=subscriber.email, language=subscriber.language, template=template,
                    context={"notices": notices, "notice": notices[0], **links},
                    unsubscribe_url=links["unsubscribe_url"])
