"""An untranslated policy's title is marked "(in English)" in the reader's language in the
confirmation e-mail and in a notice's subject, as the "subscription confirmed" e-mail marks
it (review r14n, F6); an English reader's, and a translated title, are not marked."""

from django.core import mail

from notices import services
from tests.notices.test_subscribing import _new_version, _subscribe


def test_polish_and_arabic_readers_see_the_english_title_marked(client, site):
    title = site.policy.title
    for prefix, email, mark in (("/pl", "pl@example.org", "(po angielsku)"),
                                ("/ar", "ar@example.org", "(بالإنجليزية)")):
        _subscribe(client, site, prefix=prefix, email=email)
        confirmation, subscribed = mail.outbox
        assert f"{title} {mark}" in confirmation.body
        assert f"{title} {mark}" in subscribed.body
    mail.outbox.clear()
    _new_version(site)
    services.notices_send()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["pl@example.org"] == f"Zmiana: {title} (po angielsku)"
    assert subjects["ar@example.org"] == f"تغيير: {title} (بالإنجليزية)"


def test_an_english_reader_sees_the_title_unmarked(client, site):
    _subscribe(client, site, email="en@example.org")
    confirmation, _subscribed = mail.outbox
    assert f"“{site.policy.title}”" in confirmation.body
    mail.outbox.clear()
    _new_version(site)
    services.notices_send()
    assert [m.subject for m in mail.outbox] == [f"Changed: {site.policy.title}"]
