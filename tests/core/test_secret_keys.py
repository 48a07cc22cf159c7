"""The site's keys in the order a rotation needs them (``core.secret_keys``): the one to make
anything new with first, then those that still read what was made before. That each use
still reads what an old key made is tested where it is used: the confirmation links and
the digests of addresses (tests/notices/test_key_rotation.py), the survey "no more
e-mails" digests (tests/surveys/test_no_more_emails.py)."""

from django.test import override_settings

from core.secret_keys import secret_keys
from notices import services, tokens
from surveys import no_more_emails

OLD, NEW = "the old key, long and random enough " * 2, "the new key, long and random enough " * 2


def test_the_current_key_comes_first_then_each_fallback_in_order():
    with override_settings(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=[OLD, "older " * 10]):
        assert secret_keys() == [NEW, OLD, "older " * 10]


def test_a_key_listed_again_as_a_fallback_counts_once_and_no_fallbacks_is_the_one_key():
    with override_settings(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=[NEW, OLD, OLD]):
        assert secret_keys() == [NEW, OLD]
    with override_settings(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=[]):
        assert secret_keys() == [NEW]


def test_each_of_the_three_uses_still_reads_what_the_old_key_made_after_a_rotation():
    request = {"email": "jo@example.org", "topics": ["results"], "page": None,
               "frequency": "immediately", "language": "pl", "link": "abc"}
    with override_settings(SECRET_KEY=OLD, SECRET_KEY_FALLBACKS=[]):
        link = tokens.request_token(request)
        digest = services._digest("link", "abc")
        stopped = no_more_emails.digest(3, "jo@example.org")
    with override_settings(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=[OLD]):
        assert tokens.request_from(link) == request
        assert services._digests("link", "abc")[1] == digest
        assert services._digests("link", "abc")[0] != digest  # new rows: the new key
        assert no_more_emails.asked(3, ["Jo@example.org"], {stopped}) == {"jo@example.org"}
    with override_settings(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=[]):  # the old key dropped
        assert digest not in services._digests("link", "abc")
        assert no_more_emails.asked(3, ["jo@example.org"], {stopped}) == set()
