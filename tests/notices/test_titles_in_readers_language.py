"""Words a reader of Polish or Arabic gets in English are named as such, and a title is given
in their language where it exists: an officer's English reason for moving a deadline is
marked "(in English)" in a staff digest, as titles are; the manage page names a followed
policy by its title in the page's language (or the English one, marked English)."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from charter import services as charter_services
from notices import services, tokens
from notices.models import Subscriber
from tests.charter.conftest import send_to_forum
from tests.charter.test_translated_record import translate
from tests.notices.test_staff_notices import people  # noqa: F401 (fixture)

REASON = "Agreed with the forum at the meeting"
MARKS = {"pl": "(po angielsku)", "ar": "(بالإنجليزية)"}


def _digest(tree, people, language, reason):  # noqa: F811
    services.staff_preference_set(user=people["rep"], frequency="daily", language=language)
    review = send_to_forum(tree.policy, people["officer"])
    charter_services.review_set_deadline(review=review,
                                         deadline=review.deadline + dt.timedelta(days=1),
                                         user=people["officer"], reason=reason)
    mail.outbox.clear()
    services.staff_digests_send()
    [digest] = [m for m in mail.outbox if m.to == ["forumrep@example.org"]]
    return digest.body


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_an_officers_english_reason_is_marked_in_a_polish_or_arabic_digest(
        tree, people, language):  # noqa: F811
    body = _digest(tree, people, language, REASON)
    assert f"{REASON} {MARKS[language]}" in body


def test_a_reason_typed_in_polish_is_not_marked_in_a_polish_digest(tree, people):  # noqa: F811
    body = _digest(tree, people, "pl", "Uzgodniono z forum na spotkaniu")
    assert "Uzgodniono z forum na spotkaniu" in body
    assert "Uzgodniono z forum na spotkaniu (po angielsku)" not in body


def test_an_english_reader_reads_the_reason_as_typed(tree, people):  # noqa: F811
    body = _digest(tree, people, "en-gb", REASON)
    assert REASON in body and "(in English)" not in body


# --- the manage page -------------------------------------------------------------------


def _follower(page, language):
    subscriber = Subscriber.objects.create(email="f@example.org", language=language,
                                           frequency="immediately",
                                           confirmed_at=timezone.now())
    subscriber.subscriptions.create(topic="page", page=page)
    return subscriber


def _page_labels(client, prefix, subscriber):
    html = client.get(f"{prefix}/notices/manage/{tokens.subscriber_token(subscriber.pk)}/"
                      ).content.decode()
    return re.findall(r'value="page:\d+"[^>]*>\s*<label[^>]*>(.*?)</label>', html, re.S)


def test_a_policy_followed_in_english_is_named_in_polish_on_the_polish_manage_page(
        client, site):
    polish = translate(site.policy, {site.policy.title: "Pomoc w dojazdach do szkoły"})
    assert polish.title == "Pomoc w dojazdach do szkoły"
    subscriber = _follower(site.policy, "pl")
    [label] = _page_labels(client, "/pl", subscriber)
    assert "Pomoc w dojazdach do szkoły" in label
    assert site.policy.title not in label and 'lang="en"' not in label


def test_a_policy_followed_in_polish_is_named_in_english_marked_on_the_arabic_page(
        client, site):
    """No Arabic copy: the English title, marked English, never the Polish one."""
    polish = translate(site.policy, {site.policy.title: "Pomoc w dojazdach do szkoły"})
    subscriber = _follower(polish, "ar")
    [label] = _page_labels(client, "/ar", subscriber)
    assert f'<span lang="en" dir="ltr">{site.policy.title}</span>' in label
    assert "Pomoc" not in label
    # Saving keeps following the page followed.
    token = tokens.subscriber_token(subscriber.pk)
    response = client.post(f"/ar/notices/manage/{token}/", {
        "topics": [f"page:{polish.pk}"], "frequency": "weekly", "language": "ar",
        "state": re.search(r'name="state" value="([^"]+)"', client.get(
            f"/ar/notices/manage/{token}/").content.decode()).group(1)})
    assert response.status_code == 302
    assert list(subscriber.subscriptions.values_list("page_id", flat=True)) == [polish.pk]
