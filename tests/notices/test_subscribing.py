"""A parent with no account asks to hear about a policy, confirms from the e-mail, hears of
each change once, in their language, and can stop it in one click."""

import collections
import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from notices import services
from notices.models import Subscriber, Subscription
from notices.tokens import subscriber_token
from tests.factories import make_policy, publish

BASE = "https://travel.example.gov.uk"
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]


def _link(message, name):
    """The path of the ``name`` link (confirm, manage, unsubscribe) in an e-mail's text."""
    found = re.search(re.escape(BASE) + r"(/(?:[a-z]{2}/)?notices/" + name + r"/[^\s]+/)",
                      message.body)
    assert found, message.body
    return found.group(1)


def _subscribe(client, site, *, email="parent@example.com", topics=("page",),
               frequency="immediately", prefix="", page=None):
    mail.outbox.clear()
    page = page or site.policy
    chosen = [f"page:{page.pk}" if topic == "page" else topic for topic in topics]
    response = client.post(f"{prefix}/notices/subscribe/?page={page.pk}",
                           {"email": email, "topics": chosen, "frequency": frequency,
                            "page": page.pk})
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    confirm = _link(mail.outbox[0], "confirm")
    assert client.post(confirm).status_code == 302
    return Subscriber.objects.get(email=email)


def _new_version(site, note="Children under 8 are now expected to walk up to 1.5 miles."):
    """A new version whose words change (the summary gains ``note``), with ``note`` as the
    officer's change note."""
    site.policy.change_note = note
    site.policy.in_short = f"{site.policy.in_short} {note}"
    return publish(site.policy)


@pytest.mark.parametrize("role", ROLES)
def test_anyone_can_open_the_form_and_the_policy_they_came_from_is_offered(
        client, site, login_as, role):
    login_as(role)
    response = client.get(f"/notices/subscribe/?page={site.policy.pk}")
    assert response.status_code == 200
    assert f"Changes to “{site.policy.title}”" in response.content.decode()


def test_the_policy_page_links_to_the_form(client, site):
    html = client.get(site.policy.url).content.decode()
    assert f"/notices/subscribe/?page={site.policy.pk}" in html


def test_asking_sends_one_confirmation_and_stores_nothing_until_it_is_confirmed(client, site):
    response = client.post("/notices/subscribe/", {
        "email": "Parent@Example.com ", "topics": ["consultations"], "frequency": "weekly"})
    assert "Check your e-mail" in response.content.decode()
    assert Subscriber.objects.count() == 0
    [message] = mail.outbox
    # As typed (the part before "@" may be case-sensitive), spaces off, the domain lower.
    assert message.to == ["Parent@example.com"]
    assert "List-Unsubscribe" not in message.extra_headers
    confirm = _link(message, "confirm")
    # A mail scanner that follows the link subscribes nobody: confirming needs the button.
    page = client.get(confirm)
    assert page.status_code == 200 and "New consultations" in page.content.decode()
    assert Subscriber.objects.count() == 0
    client.post(confirm)
    client.post(confirm)  # pressed twice
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "weekly"
    assert list(subscriber.subscriptions.values_list("topic", flat=True)) == ["consultations"]


def test_typed_words_come_back_with_a_plain_message(client, site):
    response = client.post(f"/notices/subscribe/?page={site.policy.pk}",
                           {"email": "parent@example", "frequency": "immediately",
                            "page": site.policy.pk})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="parent@example"' in html
    assert "Enter an e-mail address like name@example.com." in html
    assert "Choose at least one thing to be told about." in html
    assert html.count('class="govuk-error-summary"') == 1
    assert mail.outbox == []


def test_the_form_cannot_flood_an_inbox_or_be_used_by_robots(client, site):
    data = {"email": "someone@example.com", "topics": ["results"], "frequency": "weekly"}
    client.post("/notices/subscribe/", data)
    client.post("/notices/subscribe/", data)
    assert len(mail.outbox) == 1
    response = client.post("/notices/subscribe/", {**data, "email": "x@example.com",
                                                   "website": "http://spam.example"})
    assert "Check your e-mail" in response.content.decode()  # told nothing different
    assert len(mail.outbox) == 1


def test_one_address_gets_one_confirmation_however_it_is_written(client, site):
    for email in ("victim@example.com", "Victim@Example.com", '"victim"@example.com'):
        client.post("/notices/subscribe/", {"email": email, "topics": ["results"],
                                            "frequency": "weekly"})
    assert len(mail.outbox) == 1


def test_a_plus_address_gets_its_own_link_as_the_page_says(client, site):
    """``x+kids@`` is another address to the parent who typed it (and at some providers
    another person): its link goes to it, and the page names the address it went to."""
    client.post("/notices/subscribe/", {"email": "parent@example.com", "topics": ["results"],
                                        "frequency": "weekly"})
    response = client.post("/notices/subscribe/", {
        "email": "parent+kids@example.com", "topics": ["consultations"],
        "frequency": "immediately"})
    html = " ".join(response.content.decode().split())
    assert [m.to for m in mail.outbox] == [["parent@example.com"], ["parent+kids@example.com"]]
    assert "parent+kids@example.com" in html and "a few minutes ago" not in html
    client.post(_link(mail.outbox[1], "confirm"))
    client.post(_link(mail.outbox[0], "confirm"))
    kids = Subscriber.objects.get(email="parent+kids@example.com")
    assert [s.topic for s in kids.subscriptions.all()] == ["consultations"]
    parent = Subscriber.objects.get(email="parent@example.com")
    assert [s.topic for s in parent.subscriptions.all()] == ["results"]


def test_requests_kept_with_a_fresh_link_do_not_use_up_the_hourly_limit(client, site):
    """A parent adding policies one by one from several pages sends one e-mail, and is not
    stopped after the fifth: only confirmations sent count against the address."""
    for n in range(services.CONFIRMS_PER_MAILBOX + 3):
        response = client.post("/notices/subscribe/", {
            "email": "parent@example.com", "topics": ["results"], "frequency": "weekly"})
        assert response.status_code == 200, n
    assert len(mail.outbox) == 1


def test_one_visitor_cannot_send_confirmations_to_many_addresses(client, site):
    assert services.CONFIRMS_PER_SENDER >= 30  # a family hub on one address is not stopped
    for n in range(services.CONFIRMS_PER_SENDER):
        response = client.post("/notices/subscribe/", {
            "email": f"person{n}@example.com", "topics": ["results"], "frequency": "weekly"})
        assert response.status_code == 200, n
    assert len(mail.outbox) == services.CONFIRMS_PER_SENDER
    # The next one is refused, and told so plainly, with what they typed kept.
    refused = client.post("/notices/subscribe/", {"email": "sixth@example.org",
                                                  "topics": ["results"], "frequency": "weekly"})
    html = " ".join(refused.content.decode().split())
    assert refused.status_code == 429
    assert "Too many requests from here; try again later." in html
    assert "a shared one, at a school or a family hub perhaps" in html
    assert "Check your e-mail" not in html
    assert 'value="sixth@example.org"' in html
    assert 'value="results" checked' in html and 'value="weekly" checked' in html
    assert len(mail.outbox) == services.CONFIRMS_PER_SENDER


def test_families_sharing_a_hub_address_each_get_their_link(client, site):
    """Twenty families at one hub, on one address, each ask: none is stopped."""
    for n in range(20):
        response = client.post("/notices/subscribe/", {
            "email": f"family{n}@example.com", "topics": ["consultations"],
            "frequency": "immediately"})
        assert response.status_code == 200
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"family{n}@example.com" for n in range(20))


def test_one_address_asked_for_too_often_is_refused_from_anywhere(client, site, settings):
    """The mailbox's own limit holds whatever address the requests come from."""
    settings.PORTAL_TRUSTED_PROXIES = 1
    for n in range(services.CONFIRMS_PER_MAILBOX):
        response = client.post("/notices/subscribe/", {
            "email": f"Target+{n}@Example.com", "topics": ["results"],
            "frequency": "weekly"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        assert response.status_code == 200
    assert len(mail.outbox) == services.CONFIRMS_PER_MAILBOX  # one link to each address
    refused = client.post("/notices/subscribe/", {
        "email": "target@example.com", "topics": ["consultations", "results"],
        "frequency": "immediately"}, HTTP_X_FORWARDED_FOR="198.51.100.9")
    html = " ".join(refused.content.decode().split())
    assert refused.status_code == 429
    assert "This e-mail address has been asked for too many times in the last hour." in html
    assert 'value="target@example.com"' in html
    assert 'value="consultations" checked' in html and 'value="immediately" checked' in html
    assert len(mail.outbox) == services.CONFIRMS_PER_MAILBOX
    # Somebody else, from the same place, is not held up.
    other = client.post("/notices/subscribe/", {
        "email": "someone@example.com", "topics": ["results"], "frequency": "weekly"},
        HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert other.status_code == 200
    assert len(mail.outbox) == services.CONFIRMS_PER_MAILBOX + 1


def test_the_visitor_limit_is_told_in_polish_and_arabic(client, site, settings):
    settings.PORTAL_TRUSTED_PROXIES = 0
    for prefix, words in (("/pl", "Zbyt wiele próśb z tego miejsca; spróbuj ponownie później."),
                          ("/ar", "طلبات كثيرة جدًا من هنا؛ حاول مرة أخرى لاحقًا.")):
        cache.clear()
        for n in range(services.CONFIRMS_PER_SENDER + 1):
            response = client.post(f"{prefix}/notices/subscribe/", {
                "email": f"p{n}@example.com", "topics": ["results"], "frequency": "weekly"})
        assert response.status_code == 429
        assert words in response.content.decode()


def test_the_cluster_and_the_production_list_trust_the_one_proxy_in_front():
    """Behind Varnish every visitor would otherwise share Varnish's address and its limits."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = (root / "scripts/cluster.sh").read_text()
    assert "PORTAL_TRUSTED_PROXIES=1" in script.split("cat > var/cluster.env")[1].split("ENV\n")[1]
    assert "PORTAL_TRUSTED_PROXIES=${PORTAL_TRUSTED_PROXIES:-1}" in script  # older cluster.env
    readme = (root / "README.md").read_text()
    production = readme.split("**In production**")[1].split("\n\n")[0]
    assert "`PORTAL_TRUSTED_PROXIES`" in production


def test_an_old_or_altered_confirmation_link_says_what_to_do(client, site):
    client.post("/notices/subscribe/", {"email": "p@example.com", "topics": ["results"],
                                        "frequency": "weekly"})
    confirm = _link(mail.outbox[0], "confirm")
    broken = client.get(confirm[:-6] + "xxxxx/")
    assert broken.status_code == 400
    assert "Part of the link may be missing" in broken.content.decode()
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        expired = client.post(confirm)
    assert expired.status_code == 410 and "please ask again" in expired.content.decode()
    assert Subscriber.objects.count() == 0


def test_a_new_version_is_told_once_with_the_comparison_and_a_one_click_unsubscribe(
        client, site):
    subscriber = _subscribe(client, site)
    mail.outbox.clear()
    _new_version(site)
    assert services.notices_send() == 1
    assert services.notices_send() == 0  # run again (a retried task): nothing twice
    [message] = mail.outbox
    assert message.to == ["parent@example.com"]
    assert message.subject == f"Changed: {site.policy.title}"
    assert "Children under 8 are now expected to walk up to 1.5 miles." in message.body
    assert f"{BASE}{site.policy.url}compare/1/2/" in message.body
    unsubscribe = _link(message, "unsubscribe")
    assert message.extra_headers["List-Unsubscribe"] == f"<{BASE}{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # RFC 8058: the mail program posts, with no page and no security token.
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert not Subscription.objects.exists()
    again = client.get(unsubscribe)
    assert "already unsubscribed" in again.content.decode()


def test_an_unsubscribe_link_cut_short_says_it_does_not_work_and_deletes_nothing(client,
                                                                                site):
    subscriber = _subscribe(client, site)
    token = subscriber_token(subscriber.pk)
    for broken in (token[:-8], f"{subscriber.pk}:made-up", "nonsense"):
        for response in (client.get(f"/notices/unsubscribe/{broken}/"),
                         Client().post(f"/notices/unsubscribe/{broken}/")):
            html = response.content.decode()
            assert response.status_code == 400
            assert "This link does not work" in html and "deleted" not in html
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_publishing_sends_straight_away(client, site, django_capture_on_commit_callbacks):
    _subscribe(client, site)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _new_version(site)
    assert [m.subject for m in mail.outbox] == [f"Changed: {site.policy.title}"]


def test_only_what_was_asked_for_and_only_after_confirming(client, site):
    _new_version(site, "An earlier change.")
    _subscribe(client, site, email="results@example.com", topics=("results",))
    _subscribe(client, site, email="policy@example.com")
    mail.outbox.clear()
    assert services.notices_send() == 0  # the earlier change came before either confirmed
    _new_version(site)
    services.notices_send()
    assert [m.to for m in mail.outbox] == [["policy@example.com"]]


def test_everything_follows_every_policy(client, site):
    _subscribe(client, site, email="all@example.com", topics=("everything",))
    mail.outbox.clear()
    _new_version(site)
    assert services.notices_send() == 1


def test_a_weekly_subscriber_gets_one_message_a_week(client, site):
    _subscribe(client, site, frequency="weekly")
    mail.outbox.clear()
    assert services.digests_send() == 0  # nothing happened: no empty digest
    _new_version(site, "First change.")
    _new_version(site, "Second change.")
    assert services.notices_send() == 0  # weekly readers are not sent each one
    assert services.digests_send() == 1
    assert services.digests_send() == 0
    [digest] = mail.outbox
    assert digest.subject == "This week on the SEND travel portal: 2 changes"
    assert "First change." in digest.body and "Second change." in digest.body
    assert "compare/2/3/" in digest.body


def test_manage_changes_what_is_sent_and_a_bad_link_explains(client, site):
    subscriber = _subscribe(client, site)
    mail.outbox.clear()
    _new_version(site)
    services.notices_send()
    manage = _link(mail.outbox[0], "manage")
    page = client.get(manage)
    assert page.status_code == 200 and "parent@example.com" in page.content.decode()
    refused = client.post(manage, {"frequency": "weekly"})
    assert refused.status_code == 400
    assert "Choose at least one thing to be told about." in refused.content.decode()
    client.post(manage, {"topics": ["results"], "frequency": "weekly", "language": "en-gb"})
    subscriber.refresh_from_db()
    assert subscriber.frequency == "weekly"
    assert list(subscriber.subscriptions.values_list("topic", flat=True)) == ["results"]
    forged = manage.replace(f"/{subscriber.pk}:", f"/{subscriber.pk + 1}:")
    assert client.get(forged).status_code == 404


def test_each_followed_policy_has_its_own_box_and_is_let_go_on_its_own(client, site):
    other = make_policy(site.policies, slug="appeals", title="Appeals")
    subscriber = _subscribe(client, site)
    cache.clear()  # some time later: the ten-minute limit on confirmations has passed
    _subscribe(client, site, page=other)
    mail.outbox.clear()
    _new_version(site)
    services.notices_send()
    manage = _link(mail.outbox[0], "manage")
    html = client.get(manage).content.decode()
    assert f'value="page:{site.policy.pk}" checked' in html
    assert f'value="page:{other.pk}" checked' in html and "Changes to “Appeals”" in html
    client.post(manage, {"topics": [f"page:{other.pk}"], "frequency": "immediately",
                         "language": "en-gb"})
    assert list(subscriber.subscriptions.values_list("page_id", flat=True)) == [other.pk]


def test_a_polish_reader_is_written_to_in_polish(client, site):
    _subscribe(client, site, prefix="/pl")
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "pl"
    mail.outbox.clear()
    _new_version(site)
    services.notices_send()
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "pl"
    assert "/pl/notices/unsubscribe/" in message.body
    assert message.subject == f"Zmiana: {site.policy.title} (po angielsku)"  # untranslated
    # The verb agrees with "Strona" (feminine), whatever the page's title.
    assert f"Strona „{site.policy.title}” zmieniła się. To jest wersja 2." in message.body
    # Not translated: the comparison is the English one, and says so.
    assert "Zobacz każdą zmianę, słowo po słowie (po angielsku):" in message.body


def test_sending_reads_a_fixed_number_of_queries_however_many_subscribers(
        client, site, django_assert_max_num_queries, monkeypatch):
    monkeypatch.setattr(services, "CONFIRMS_PER_SENDER", 100)  # one test client asks for all
    for n in range(12):
        _subscribe(client, site, email=f"p{n}@example.com")
    mail.outbox.clear()
    _new_version(site)
    # The version is compared with the one before once (is there a change readers see?),
    # however many are told of it. Each message is then written twice (handed to the mail
    # server, taken by it: ``outbox.services.send_once``), and nothing more is read. The
    # outbox reads once, before the first message, for claims a dead worker left and messages
    # deferred before (it deleted the claims unread before messages could be deferred).
    with django_assert_max_num_queries(27 + 2 * 12) as captured:
        assert services.notices_send() == 12
    reads = [q for q in captured.captured_queries if q["sql"].lstrip().startswith("SELECT")]
    assert len(reads) <= 24


def test_the_confirmation_link_carries_no_readable_address(client, site):
    """Web server and proxy logs keep paths: the link must not give the address away."""
    import base64
    import zlib

    client.post("/notices/subscribe/", {"email": "walid@example.com", "topics": ["results"],
                                        "frequency": "weekly"})
    confirm = _link(mail.outbox[0], "confirm")
    token = confirm.rstrip("/").rsplit("/", 1)[1]
    assert "walid" not in confirm
    for piece in token.split(".") + [token]:
        raw = base64.urlsafe_b64decode(piece.lstrip(".") + "=" * (-len(piece) % 4))
        for data in (raw, zlib.decompress(raw) if raw[:1] == b"x" else b""):
            assert b"walid" not in data
    assert client.post(confirm).status_code == 302
    assert Subscriber.objects.get().email == "walid@example.com"


def test_a_confirmation_link_works_once_even_after_unsubscribing(client, site):
    client.post("/notices/subscribe/", {"email": "walid@example.com", "topics": ["results"],
                                        "frequency": "weekly"})
    confirm = _link(mail.outbox[0], "confirm")
    client.post(confirm)
    again = client.post(confirm)
    assert again.status_code == 410
    assert "This link has already been used" in again.content.decode()
    # Opening it again says so at once, with no Confirm button, and, the address being
    # subscribed, where to change things rather than "ask again".
    opened = client.get(confirm)
    html = opened.content.decode()
    assert opened.status_code == 410
    assert "This link has already been used" in html and ">Confirm<" not in html
    assert "this address is subscribed" in html and "please ask again" not in html
    assert "use the links at the end of any e-mail from us" in html
    subscriber = Subscriber.objects.get()
    client.post(f"/notices/unsubscribe/{subscriber_token(subscriber.pk)}/")
    assert Subscriber.objects.count() == 0
    after = client.post(confirm)
    assert "This link has already been used" in after.content.decode()
    assert "please ask again" in client.get(confirm).content.decode()
    assert Subscriber.objects.count() == 0


def test_used_links_are_forgotten_once_they_have_expired(client, site):
    from notices.models import UsedConfirmation

    client.post("/notices/subscribe/", {"email": "p@example.com", "topics": ["results"],
                                        "frequency": "weekly"})
    client.post(_link(mail.outbox[0], "confirm"))
    assert services.used_confirmations_forget() == 0
    later = timezone.now() + dt.timedelta(days=8)
    assert services.used_confirmations_forget(now=later) == 1
    assert not UsedConfirmation.objects.exists()


def test_confirming_again_adds_topics_keeps_language_and_sets_the_frequency_shown(
        client, site):
    """The confirm page says "How often: Once a week"; pressing its button (only the
    mailbox's holder can) does what it says. The language stays the subscriber's."""
    subscriber = _subscribe(client, site, topics=("results",), frequency="immediately")
    assert subscriber.language == "en-gb"
    cache.clear()  # after the ten-minute limit
    mail.outbox.clear()
    client.post("/pl/notices/subscribe/", {"email": "parent@example.com",
                                           "topics": ["consultations"], "frequency": "weekly"})
    confirm = _link(mail.outbox[0], "confirm")
    assert "Raz w tygodniu" in client.get(confirm).content.decode()
    client.post(confirm)
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.frequency) == ("en-gb", "weekly")
    assert sorted(subscriber.subscriptions.values_list("topic", flat=True)) == [
        "consultations", "results"]


def test_a_subscriber_changes_the_language_of_their_e_mails(client, site):
    subscriber = _subscribe(client, site)
    manage = f"/notices/manage/{subscriber_token(subscriber.pk)}/"
    html = client.get(manage).content.decode()
    assert "Which language should the e-mails be in?" in html
    assert 'value="en-gb" checked' in html and 'lang="ar" dir="rtl"' in html
    client.post(manage, {"topics": [f"page:{site.policy.pk}"], "frequency": "immediately",
                         "language": "pl"})
    subscriber.refresh_from_db()
    assert subscriber.language == "pl"
    mail.outbox.clear()
    _new_version(site)
    services.notices_send()
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "pl"


# --- "changed" only when what the public reads changed ------------------------------------


def test_a_version_with_no_change_a_reader_can_see_is_not_announced(client, site):
    _subscribe(client, site)
    _subscribe(client, site, email="weekly@example.com", frequency="weekly")
    mail.outbox.clear()
    # Published again with nothing changed, then with only a setting no reader sees.
    publish(site.policy)
    site.policy.show_in_menus = not site.policy.show_in_menus
    publish(site.policy)
    assert site.policy.versions.count() == 3
    assert services.notices_send() == 0
    assert services.digests_send() == 0
    assert mail.outbox == []
    # A real change is announced, compared with the version before it.
    _new_version(site, "Children under 8 now walk up to 1.5 miles.")
    assert services.notices_send() == 1
    [message] = mail.outbox
    assert message.subject == f"Changed: {site.policy.title}"
    assert f"{BASE}{site.policy.url}compare/3/4/" in message.body
    assert services.digests_send() == 1
    digest = mail.outbox[1]
    assert digest.subject == "This week on the SEND travel portal: 1 change"


# --- a reader of another language is sent where the change can be read ------------------


@pytest.fixture
def words():
    return {}


def _translate(page, words, code):
    from tests.charter.test_translated_record import translate

    return translate(page, words, code=code)


def test_an_arabic_reader_of_an_up_to_date_translation_is_sent_to_it(client, site, words):
    arabic_v1 = _translate(site.policy, words, "ar")
    _subscribe(client, site, prefix="/ar")
    mail.outbox.clear()
    _new_version(site)
    _translate(site.policy, words, "ar")  # the translators catch up before the notice goes
    assert services.notices_send() == 1
    [message] = mail.outbox
    assert f"{BASE}{arabic_v1.url}compare/1/2/" in message.body
    assert f"{BASE}{arabic_v1.url}\n" in message.body
    assert f"{BASE}{site.policy.url}" not in message.body
    assert "ترجمة" not in message.body.split("--")[0]  # nothing said of a translation pending


def test_an_arabic_reader_of_a_translation_a_version_behind_is_told_and_given_both(
        client, site, words):
    arabic_v1 = _translate(site.policy, words, "ar")
    _subscribe(client, site, prefix="/ar")
    mail.outbox.clear()
    _new_version(site)
    assert services.notices_send() == 1
    [message] = mail.outbox
    body = message.body
    assert "يجري تحديث الترجمة العربية لهذه الصفحة لتشمل هذا التغيير." in body
    assert f"(بالإنجليزية): {BASE}{site.policy.url}compare/1/2/" in body
    assert f"{BASE}{arabic_v1.url}compare/" not in body
    assert f"{BASE}{arabic_v1.url}\n" in body


def test_a_polish_reader_with_no_translation_is_told_the_links_are_in_english(client, site):
    _subscribe(client, site, prefix="/pl")
    mail.outbox.clear()
    _new_version(site)
    services.notices_send()
    [message] = mail.outbox
    body = message.body
    assert "Ta strona nie jest jeszcze przetłumaczona na polski" in body
    assert f"(po angielsku): {BASE}{site.policy.url}compare/1/2/" in body


def test_a_translation_published_is_not_announced_as_a_change(client, site, words):
    _subscribe(client, site, prefix="/ar")
    mail.outbox.clear()
    _translate(site.policy, words, "ar")
    assert services.notices_send() == 0


def test_a_consultation_opening_is_told_to_those_following_consultations(
        client, tree, settings, consultation_index, calendar):
    from consultations.models import ConsultationPage
    from consultations.services import consultation_events_record
    from tests.consultations.conftest import make_consultation

    settings.WAGTAILADMIN_BASE_URL = BASE
    site = tree

    _subscribe(client, site, email="c@example.com", topics=("consultations",), prefix="/pl")
    _subscribe(client, site, email="p@example.com")
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=1)):
        consultation = make_consultation(consultation_index, calendar, opens_in_days=-1,
                                         closes_in_days=20)
        consultation_events_record(ConsultationPage.objects.all())
        assert services.notices_send() == 1
    [message] = mail.outbox
    assert message.to == ["c@example.com"]
    assert message.subject == f"Konsultacja otwarta: {consultation.title} (po angielsku)"
    assert f"{BASE}{consultation.url}" in message.body


def test_a_consultation_opening_is_told_once_to_those_following_its_policy(
        client, tree, settings, consultation_index, calendar):
    """Following a policy (the box its page offers) tells you when the consultation about
    it opens, in your language; following it and "consultations" too, you hear once."""
    from consultations.models import ConsultationPage
    from consultations.services import consultation_events_record
    from tests.consultations.conftest import make_consultation

    settings.WAGTAILADMIN_BASE_URL = BASE
    site = tree
    other = make_policy(site.policies, title="Post-16 travel", slug="post-16")
    _subscribe(client, site, email="follows@example.com", prefix="/pl")
    _subscribe(client, site, email="both@example.com", topics=("page", "consultations"))
    _subscribe(client, site, email="other@example.com", page=other)
    html = client.get(f"/notices/subscribe/?page={site.policy.pk}").content.decode()
    assert "Following a policy also tells you when a consultation about it opens." in html
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=1)):
        consultation = make_consultation(consultation_index, calendar, opens_in_days=-1,
                                         closes_in_days=20, policy=site.policy)
        consultation_events_record(ConsultationPage.objects.all())
        assert services.notices_send() == 2
        assert services.notices_send() == 0
    received = {m.to[0]: m for m in mail.outbox}
    assert sorted(received) == ["both@example.com", "follows@example.com"]
    assert received["follows@example.com"].subject == \
        f"Konsultacja otwarta: {consultation.title} (po angielsku)"
    assert received["both@example.com"].subject.startswith("Consultation open")


# --- a worker killed mid-send: nobody left out, nobody told twice --------------------------


def test_a_worker_killed_mid_send_leaves_nobody_out_and_tells_nobody_twice(
        client, site, monkeypatch):
    from charter.models import EvidenceEntry
    from notices import tasks
    from outbox import services as outbox
    from outbox.models import SentEmail

    monkeypatch.setattr(services, "CONFIRMS_PER_SENDER", 100)
    people = [_subscribe(client, site, email=f"p{n}@example.com") for n in range(4)]
    mail.outbox.clear()
    start = timezone.now() + dt.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        _new_version(site)
        entry = EvidenceEntry.objects.filter(kind="version_published").latest("sequence")
        # A worker claimed the first three, handed the second's notice to the mail server
        # and was killed before the server answered (the message went).
        outbox.claim(kind="notice", about=entry,
                     recipient_keys=[f"subscriber:{p.pk}" for p in people[:3]])
        SentEmail.objects.filter(recipient_key=f"subscriber:{people[1].pk}").update(
            attempted_at=start)
        from notices import emails

        emails.notice_message(subscriber=people[1],
                              notices=[services.describe(entry, "en-gb")]).send()
        # The next run (the ten-minute job) sends the one nobody held.
        assert tasks.send_notices() == 1
    with time_machine.travel(start + outbox.CLAIM_LEASE - dt.timedelta(seconds=30)):
        assert tasks.send_notices() == 0  # the claims may still be a live worker's
        assert outbox.delivery_counts(kind="notice", about=entry).sending == 2
    with time_machine.travel(start + outbox.CLAIM_LEASE + dt.timedelta(seconds=30)):
        assert outbox.delivery_counts(kind="notice", about=entry).waiting == 2
        assert tasks.send_notices() == 2  # released: the dead worker's two go now
    with time_machine.travel(start + dt.timedelta(minutes=30)):
        assert tasks.send_notices() == 0
    received = collections.Counter(m.to[0] for m in mail.outbox)
    assert received == {f"p{n}@example.com": 1 for n in range(4)}
    assert all(m.subject == f"Changed: {site.policy.title}" for m in mail.outbox)


def test_a_second_request_within_minutes_is_added_to_the_link_already_sent(client, site):
    """A parent who asks for two policies one after the other gets both: no second e-mail
    (the inbox is not flooded), the page says so, and the first link confirms both."""
    second = make_policy(site.policies, title="Post-16 travel", slug="post-16")
    client.post(f"/notices/subscribe/?page={site.policy.pk}",
                {"email": "parent@example.com", "topics": [f"page:{site.policy.pk}"],
                 "frequency": "immediately", "page": site.policy.pk})
    [message] = mail.outbox
    again = client.post(f"/notices/subscribe/?page={second.pk}",
                        {"email": "Parent@example.com", "topics": [f"page:{second.pk}",
                                                                  "results"],
                         "frequency": "immediately", "page": second.pk})
    html = again.content.decode()
    assert len(mail.outbox) == 1
    assert "We have sent a link" not in html
    assert "a few minutes ago, so we have not sent another e-mail now" in html
    assert "confirming it will also add what you chose now" in html
    confirm = _link(message, "confirm")
    shown = client.get(confirm).content.decode()
    assert "Post-16 travel" in shown and site.policy.title in shown
    assert "Survey results" in shown
    client.post(confirm)
    subscriber = Subscriber.objects.get()
    assert sorted((s.topic, s.page_id) for s in subscriber.subscriptions.all()) == sorted(
        [("page", site.policy.pk), ("page", second.pk), ("results", None)])


def test_a_second_request_within_minutes_also_sets_how_often(client, site):
    """The page says the new choices will be added: "Once a week" chosen the second time is
    one of them."""
    client.post("/notices/subscribe/", {"email": "parent@example.com", "topics": ["results"],
                                        "frequency": "immediately"})
    [message] = mail.outbox
    client.post("/notices/subscribe/", {"email": "parent@example.com",
                                        "topics": ["consultations"], "frequency": "weekly"})
    confirm = _link(message, "confirm")
    shown = " ".join(client.get(confirm).content.decode().split())
    assert "Once a week" in shown and "As soon as something changes" not in shown
    client.post(confirm)
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "weekly"
    assert sorted(s.topic for s in subscriber.subscriptions.all()) == ["consultations",
                                                                       "results"]


def _version_dropping_walking_distances(site, note="Shorter summary."):
    """A new version whose summary changes and whose "Walking distances" section goes."""
    site.policy.change_note = note
    site.policy.in_short = "Most children with SEND can get help."
    del site.policy.sections[1]
    return publish(site.policy)


def test_a_change_notice_names_the_sections_that_changed_before_the_note(client, site):
    _subscribe(client, site)
    mail.outbox.clear()
    _version_dropping_walking_distances(site)
    services.notices_send()
    [message] = mail.outbox
    body = message.body
    assert "What changed, section by section (2 sections):" in body
    assert "- Walking distances: section removed" in body
    assert "- In short: words changed" in body
    assert "Who can get help" not in body  # unchanged: not named
    assert body.index("section by section") < body.index("Shorter summary.")


def test_section_names_are_in_the_reader_s_language_where_translated(client, site, words):
    _translate(site.policy, words, "ar")
    _subscribe(client, site, prefix="/ar")
    _subscribe(client, site, prefix="/pl", email="rodzic@example.com")
    mail.outbox.clear()
    _version_dropping_walking_distances(site)
    _translate(site.policy, words, "ar")
    services.notices_send()
    arabic = next(m for m in mail.outbox if m.to == ["parent@example.com"]).body
    polish = next(m for m in mail.outbox if m.to == ["rodzic@example.com"]).body
    assert f"- {words['Walking distances']}:" in arabic
    assert "Walking distances" not in arabic
    # No Polish translation: the section's English heading, said to be English.
    assert "- Walking distances (po angielsku):" in polish


def test_a_change_is_sent_once_when_the_subscriber_switches_how_often(client, site):
    """Told at once, then switched to weekly: the week's digest does not repeat it. Told in
    a digest, then switched to at once: the next run does not send it again."""
    subscriber = _subscribe(client, site)
    manage = f"/notices/manage/{subscriber_token(subscriber.pk)}/"
    mail.outbox.clear()
    _new_version(site, "First change.")
    assert services.notices_send() == 1
    client.post(manage, {"topics": [f"page:{site.policy.pk}"], "frequency": "weekly",
                         "language": "en-gb"})
    assert services.digests_send() == 0
    _new_version(site, "Second change.")
    assert services.digests_send() == 1
    client.post(manage, {"topics": [f"page:{site.policy.pk}"], "frequency": "immediately",
                         "language": "en-gb"})
    assert services.notices_send() == 0
    _new_version(site, "Third change.")
    assert services.notices_send() == 1
    bodies = [m.body for m in mail.outbox]
    assert [sum("First change." in b for b in bodies), sum("Second change." in b for b in bodies),
            sum("Third change." in b for b in bodies)] == [1, 1, 1]
