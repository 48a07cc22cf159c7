"""A page's query count stays flat however much content it carries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from core.cache import purge_page_cache
from portal.models import FAQIndexPage
from tests.factories import GlossaryTermFactory, make_policy, publish, section

pytestmark = pytest.mark.django_db

# The first request after a publish (every publish purges) reads what the page shows, the
# glossary and the route included. Policies and FAQs read three more: their language (is
# this the English page whose record they show, or a translation of it?), their versions and
# their open disagreements. The home page reads the latest updates, the charter pages, the
# drafts with the forum, and the consultations and surveys open now (each list two: its
# pages and the view restrictions that ``public()`` reads).
# The first read after a publish: policy and FAQ read three more than before the jargon
# explanations carried their own language and the checker its proposals (flat all the same).
AFTER_PUBLISH = {"home": 21, "policy": 21, "faq": 20, "glossary": 12, "search": 16}
# Later requests, until the next publish, read only what can change without one (core.memo):
# the route, the site, its settings, privacy, translations, breadcrumbs, a page's reading
# view and its record are kept, and the home page's lists of published pages. A policy or
# the FAQ reads just its own page; the home page the drafts with the forum and what is open
# now (time moves those, not publishing); the search its results.
MAX_QUERIES = {"home": 7, "policy": 2, "faq": 2, "glossary": 3, "search": 9}


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(tree, n: int):
    """n policies of n sections, n FAQ questions linking to policies, n glossary terms."""
    policies = [
        make_policy(
            tree.policies,
            title=f"Policy {i} {n}",
            slug=f"policy-{i}-{n}",
            sections=[
                section(f"Part {j}", f'<p>Term{i}x{n} and <a href="/faq/">a link</a>.</p>',
                        ["A point"])
                for j in range(n)
            ],
        )
        for i in range(n)
    ]
    for i in range(n):
        GlossaryTermFactory(term=f"Term{i}x{n}", slug=f"term-{i}-{n}")
    faq = FAQIndexPage.objects.get(pk=tree.faq.pk)
    faq.topics = [
        ("topic", {"title": f"Topic {t}", "questions": [
            {"question": f"Question {t}.{q}?", "answer": RichText(f"<p>Answer Term{q}x{n}.</p>"),
             "policy": policies[q % len(policies)], "policy_section": "Part 0"}
            for q in range(n)
        ]})
        for t in range(n)
    ]
    publish(faq)
    return policies


@pytest.mark.parametrize("name", ["home", "policy", "faq", "glossary", "search"])
def test_query_count_is_flat_when_content_grows_tenfold(client, tree, name, settings,
                                                        django_assert_max_num_queries):
    settings.PORTAL_PAGE_CACHE = False
    urls = {
        "home": lambda policies: "/",
        "policy": lambda policies: policies[0].url,
        "faq": lambda policies: "/faq/",
        "glossary": lambda policies: "/jargon-buster/",
        "search": lambda policies: "/search/?q=policy",
    }
    small = _grow(tree, 2)
    _count(client, urls[name](small))  # warm the site root paths (kept apart from purges)
    purge_page_cache()  # as a publish does
    small_first = _count(client, urls[name](small))  # the first after a publish
    small_count = _count(client, urls[name](small))
    large = _grow(tree, 20)
    _count(client, urls[name](large))
    purge_page_cache()
    large_first = _count(client, urls[name](large))
    large_count = _count(client, urls[name](large))
    assert large_first == small_first <= AFTER_PUBLISH[name]
    assert large_count == small_count
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        client.get(urls[name](large))
