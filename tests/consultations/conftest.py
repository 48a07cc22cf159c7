import datetime as dt

import pytest
from django.utils import timezone

from consultations.demo import TERM_DATES
from consultations.models import (
    ConsultationAudience,
    ConsultationIndexPage,
    ConsultationPage,
    HolidayPeriod,
    SchoolCalendar,
)
from tests.factories import publish

QUESTIONS = [
    ("agree_scale", {"question": "Under-8s should walk no more than 1.5 miles.",
                     "help_text": "", "required": True,
                     "statement": "We propose 1.5 miles instead of 2."}),
    ("single_choice", {"question": "How does your child get to school?", "help_text": "",
                       "required": False, "choices": ["Walks", "Bus pass", "Taxi"]}),
    ("multiple_choice", {"question": "Which days are hardest?", "help_text": "",
                         "required": False, "choices": ["Monday", "Friday"]}),
    ("free_text", {"question": "Anything else?", "help_text": "", "required": False,
                   "max_length": 100}),
]


@pytest.fixture
def calendar(db):
    calendar = SchoolCalendar.objects.create(name="County schools")
    HolidayPeriod.objects.bulk_create([
        HolidayPeriod(calendar=calendar, name=n, kind=k, first_day=f, last_day=last)
        for n, k, f, last in TERM_DATES])
    return calendar


@pytest.fixture
def consultation_index(tree):
    index = tree.home.add_child(instance=ConsultationIndexPage(title="Consultations",
                                                               slug="consultations"))
    return publish(index)


def make_consultation(index, calendar, *, opens_in_days=-1, closes_in_days=20, policy=None,
                      slug="walking", **fields):
    now = timezone.now()
    page = index.add_child(instance=ConsultationPage(
        title=fields.pop("title", "Walking distances"), slug=slug, calendar=calendar,
        summary="We want to change walking distances.", policy=policy,
        pre_opens=now + dt.timedelta(days=opens_in_days - 10),
        pre_closes=now + dt.timedelta(days=opens_in_days - 1),
        opens=now + dt.timedelta(days=opens_in_days),
        closes=now + dt.timedelta(days=closes_in_days), questions=QUESTIONS,
        change_note="First version.", **fields))
    page.audiences.set(ConsultationAudience.objects.filter(name="Parents and carers"))
    return publish(page)


@pytest.fixture
def consultation(consultation_index, calendar, tree):
    return make_consultation(consultation_index, calendar, policy=tree.policy)


def question_ids(consultation):
    return [b.id for b in consultation.questions]
