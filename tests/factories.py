"""Factories for the tests: pages are built the way editors build them (add_child, publish)."""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from django.contrib.auth.models import Group, User
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from portal.models import (
    FAQIndexPage,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    PolicyIndexPage,
    PolicyPage,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*(Group.objects.get(name=name) for name in extracted))
        self.save()


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    term = factory.Sequence(lambda n: f"Term{n}")
    slug = factory.LazyAttribute(lambda t: t.term.lower().replace(" ", "-"))
    explanation = factory.LazyAttribute(lambda t: f"What {t.term} means, in plain words.")
    locale = factory.LazyFunction(Locale.get_default)
    live = True


def section(heading: str, body: str, summary: list[str] | None = None) -> tuple[str, dict]:
    return ("section", {"heading": heading, "body": RichText(body), "summary": summary or []})


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_home() -> HomePage:
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    existing = HomePage.objects.filter(locale=Locale.get_default()).first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="SEND travel to school", slug="home-portal", intro="Travel help.")
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
            old_root.delete()
    return HomePage.objects.get(pk=home.pk)


def make_policy(
    parent: PolicyIndexPage,
    *,
    title: str = "Travel help for children with SEND",
    slug: str | None = None,
    sections: list[tuple[str, dict]] | None = None,
    in_short: str = "Most children with SEND can get help to travel to school.",
) -> PolicyPage:
    sections = sections or [
        section("Who can get help", "<p>Children aged 5 to 16 who live in the area.</p>",
                ["Aged 5 to 16"]),
        section("Walking distances", "<p>Children under 8 walk up to 2 miles.</p>"),
    ]
    page = parent.add_child(
        instance=PolicyPage(
            title=title,
            slug=slug or slugify(title),
            in_short=in_short,
            effective_date=datetime.date(2026, 9, 1),
            sections=sections,
            change_note="First version.",
        )
    )
    return publish(page)


class PortalTree:
    """The public site's pages, built once per test that needs them."""

    def __init__(self):
        self.home = make_home()
        self.policies = self.home.add_child(
            instance=PolicyIndexPage(title="Travel policies", slug="policies")
        )
        self.policy = make_policy(self.policies, slug="travel-assistance")
        self.faq = self.home.add_child(
            instance=FAQIndexPage(
                title="Questions parents ask",
                slug="faq",
                topics=[
                    (
                        "topic",
                        {
                            "title": "Getting help",
                            "questions": [
                                {
                                    "question": "How far is my child expected to walk?",
                                    "answer": RichText("<p>Up to 2 miles if under 8.</p>"),
                                    "policy": self.policy,
                                    "policy_section": "Walking distances",
                                }
                            ],
                        },
                    )
                ],
            )
        )
        self.glossary = self.home.add_child(
            instance=GlossaryPage(title="Jargon buster", slug="jargon-buster")
        )
        for page in (self.policies, self.faq, self.glossary):
            publish(page)


__all__ = ["GlossaryTermFactory", "PortalTree", "UserFactory", "make_policy", "publish",
           "section", "wagtail_factories"]
