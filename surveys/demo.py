"""Demo surveys: three past years with published results, and this year's survey, open now.

Built with the page APIs and services officers use. The figures come from a seeded
random generator, so every load gives the same numbers, and they tell the story a
board would want to follow: overall satisfaction rising from about 72 % to 88 %,
"Told about changes" low until the 2025 text alerts, and the charter statements
improving year on year. The written comments are the portal's own words.

The pages' own words (the questions as the demo asks them, the results summary, what we did)
are plain enough to meet the site's reading age of 9 as the editor's panel scores them
(``portal.readability``): ``tests/portal/test_demo_content.py`` holds them to it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import timezone

from charter.models import PageVersion
from portal.models import PolicyPage
from surveys import scales, services
from surveys.models import (
    Audience,
    SurveyAction,
    SurveyAnswer,
    SurveyAudience,
    SurveyComment,
    SurveyIndexPage,
    SurveyPage,
    SurveyPlacement,
    SurveyQuestion,
    SurveyResponse,
)
from surveys.statistics import held_back

PARENTS, YOUNG, SCHOOLS, OPERATORS = (Audience.PARENTS, Audience.YOUNG_PEOPLE,
                                      Audience.SCHOOLS, Audience.OPERATORS)
Status = SurveyAction.Status
Moderation = SurveyComment.Moderation
APPROVE, REDACT, WITHHOLD, PENDING = (Moderation.APPROVED, Moderation.REDACTED,
                                      Moderation.WITHHELD, Moderation.PENDING)
SEED = 20230605
FREE_TEXT = "One thing to improve"
ADDED_IN_2024 = "Know what was co-produced"

# (bank short name, page of the survey) in the order asked; the first is required.
LAYOUT = [
    ("Overall satisfaction", 1), ("Drivers and assistants", 1), ("Arrives on time", 1),
    ("Told about changes", 1),
    ("Feels safe", 2), ("Journey time", 2), ("Kind of travel help", 2),
    ("Equal partner", 3), ("Part of every stage", 3), ("Views in what was written", 3),
    ("Clear information in time", 3), (ADDED_IN_2024, 3),
    (FREE_TEXT, 4),
]
OPEN_LAYOUT = [
    ("Overall satisfaction", 1, True), ("Drivers and assistants", 1, False),
    ("Feels safe", 2, False), ("Arrives on time", 2, False), ("Kind of travel help", 2, False),
    ("Equal partner", 3, False), ("Clear information in time", 3, False),
    (FREE_TEXT, 3, False),
]
CHARTER = ["Equal partner", "Part of every stage", "Views in what was written",
           "Clear information in time", ADDED_IN_2024]

# Who is asked what: schools and operators do not answer for a child's journey, and
# operators do not rate their own drivers.
ASKED = {
    PARENTS: {name for name, _ in LAYOUT},
    YOUNG: {"Overall satisfaction", "Drivers and assistants", "Arrives on time",
            "Told about changes", "Feels safe", "Journey time", "Kind of travel help",
            "Equal partner", "Clear information in time"},
    SCHOOLS: {"Overall satisfaction", "Drivers and assistants", "Arrives on time",
              "Told about changes", *CHARTER},
    OPERATORS: {"Overall satisfaction", "Told about changes", "Equal partner",
                "Part of every stage", "Clear information in time", ADDED_IN_2024},
}


@dataclass(frozen=True)
class Year:
    year: int
    opens: dt.date
    closes: dt.date
    # audience -> (population, responses)
    audiences: dict
    # five-point and yes/no questions: share answering one of the top two points (or yes)
    top: dict
    journey: tuple[float, float, float, float]
    # multiple choice: chance each choice is ticked
    travel_help: dict
    comments: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    summary: str = ""


TRAVEL_HELP = ["Bus pass", "Shared taxi or small bus", "Passenger assistant", "Travel budget",
               "Travel training"]
SHARED_TAXI = TRAVEL_HELP[1]

# The bank's questions as the demo asks them, agreed with the forum before the first survey:
# the same meaning in shorter words (the policy's own names for the kinds of travel help:
# "a shared taxi or small bus"), so each survey page meets the site's reading age. Reworded
# while nobody has answered them (``services.question_reword``), so every year asks the same
# words and the trends hold.
PLAIN_QUESTIONS = {
    "Overall satisfaction": {"wording": "How satisfied are you with your travel help?"},
    "Drivers and assistants": {
        "wording": "How satisfied are you with the staff who travel with your child?"},
    "Arrives on time": {"wording": "How satisfied are you that the bus or taxi comes on time?"},
    "Told about changes": {
        "wording": "How satisfied are you with how we tell you when things change?"},
    "Feels safe": {"wording": "Does your child feel safe on the way?"},
    "Journey time": {"wording": "How long does the trip to school take, one way?",
                     "choices": "Under 30 minutes\n30 to 45 minutes\n45 to 75 minutes\n"
                                "Over 75 minutes"},
    "Kind of travel help": {"choices": "\n".join(TRAVEL_HELP)},
}

YEARS = [
    Year(
        year=2023, opens=dt.date(2023, 6, 5), closes=dt.date(2023, 7, 7),
        audiences={PARENTS: (1380, 236), YOUNG: (420, 28), SCHOOLS: (58, 21),
                   OPERATORS: (24, 8)},
        top={"Overall satisfaction": 0.72, "Drivers and assistants": 0.83,
             "Arrives on time": 0.63, "Told about changes": 0.41, "Feels safe": 0.86,
             "Equal partner": 0.47, "Part of every stage": 0.38,
             "Views in what was written": 0.42, "Clear information in time": 0.36},
        journey=(0.37, 0.33, 0.21, 0.09),
        travel_help={"Bus pass": 0.14, SHARED_TAXI: 0.72, "Passenger assistant": 0.44,
                     "Travel budget": 0.09, "Travel training": 0.03},
        comments=[
            (APPROVE, "The taxi was late most mornings in September and nobody rang to tell "
                      "us. My son gets very anxious when he does not know what is happening, "
                      "so by the time it came he was in no state for school."),
            (APPROVE, "We had four different drivers in the first half term. Each time he had "
                      "to get used to a new face. Please keep the same driver if you can."),
            (APPROVE, "I found out about the new pick-up time from the driver on the day. A "
                      "text the day before would have made all the difference."),
            (APPROVE, "When I ring the transport line it rings out or I wait for ages. A call "
                      "back would help."),
            (APPROVE, "The passenger assistant is lovely with my daughter and knows how to calm "
                      "her down. Please do not move her to another route."),
            (APPROVE, "The journey takes over an hour because of all the other pick-ups. She "
                      "gets to school tired and hungry."),
            (APPROVE, "Tell us who the driver is before the first day, with a photo if you can. "
                      "It helps my son to know who is coming."),
            (APPROVE, "I still do not understand why we were turned down last year. The letter "
                      "used words I had to look up."),
            (APPROVE, "There is no room in the minibus for his wheelchair and his bag, so the "
                      "bag sits on his lap the whole way."),
            (APPROVE, "Just tell us when things change. That is all we ask."),
            (REDACT, "Our driver, Gary, drives too fast on the ring road and my daughter comes "
                     "home upset. I have told the company twice.",
             "Our driver drives too fast on the ring road and my daughter comes home upset. "
             "I have told the company twice.",
             "Removed a driver's name: we do not name staff in public. The concern was passed "
             "to the operator's contract manager."),
            (WITHHOLD, "My son Jamie at Hillside School has epilepsy and the escort did not "
                       "know what to do when he had a seizure in the taxi.", "",
             "It names a child, his school and his health, so the family could be "
             "recognised. The safety concern was passed to the transport team the same day."),
        ],
        actions=[
            ("You were not told when your driver or pick-up time changed.",
             "Bus and taxi firms now tell us of any change two school days ahead. We tell "
             "families the same day.", "Transport manager", Status.DONE, False),
            ("Taxis were often late in the morning, and nobody rang you.",
             "A driver who is more than 10 minutes late rings the family. Each term we check "
             "with each firm what time their buses and taxis get in.", "Contracts manager",
             Status.DONE, False),
            ("Your child needs the same driver and assistant.",
             "We ask the firms to keep the same driver and assistant on a route for the whole "
             "school year, where they can.", "Contracts manager", Status.DONE, False),
        ],
    ),
    Year(
        year=2024, opens=dt.date(2024, 6, 3), closes=dt.date(2024, 7, 5),
        audiences={PARENTS: (1420, 271), YOUNG: (430, 37), SCHOOLS: (60, 27),
                   OPERATORS: (25, 11)},
        top={"Overall satisfaction": 0.81, "Drivers and assistants": 0.87,
             "Arrives on time": 0.74, "Told about changes": 0.44, "Feels safe": 0.89,
             "Equal partner": 0.58, "Part of every stage": 0.49,
             "Views in what was written": 0.54, "Clear information in time": 0.45,
             ADDED_IN_2024: 0.34},
        journey=(0.40, 0.34, 0.20, 0.06),
        travel_help={"Bus pass": 0.15, SHARED_TAXI: 0.70, "Passenger assistant": 0.46,
                     "Travel budget": 0.13, "Travel training": 0.05},
        comments=[
            (APPROVE, "Much better this year. Same driver since September, and he always says "
                      "hello to my son by name."),
            (APPROVE, "The route changed in January and the letter came two days after it had "
                      "happened."),
            (APPROVE, "Taxis are mostly on time now, but on rainy days they are still 20 "
                      "minutes late and nobody calls."),
            (APPROVE, "I would like a text when the driver is running late, like you get from a "
                      "delivery company."),
            (APPROVE, "The new policy is clearer than the old one, but it is long. A one page "
                      "summary would help."),
            (APPROVE, "The assistant changed three times after Christmas. My daughter does not "
                      "talk, so she cannot tell me what happened."),
            (APPROVE, "Please ask parents before you change the pick-up time. Quarter past "
                      "seven is too early for my son."),
            (APPROVE, "The forum meetings are in the morning when I am at work. Evening "
                      "meetings would let more of us come."),
            (APPROVE, "Our operator is good. The problem is the office: emails are not "
                      "answered."),
            (APPROVE, "I did not know I could ask for a personal travel budget until another "
                      "parent told me at the school gate."),
            (REDACT, "The new driver, Steve from the minibus company, was on his phone while "
                     "driving. I saw it myself at the school gate.",
             "The new driver was on his phone while driving. I saw it myself at the school "
             "gate.",
             "Removed a driver's name: we do not name staff in public. The report was passed "
             "to the operator and the licensing team."),
            (WITHHOLD, "Please ring me on 07700 900123, we live at 14 Orchard Close and nobody "
                       "has come to sort out the pick-up point.", "",
             "It gives the family's phone number and address. We do not publish personal "
             "details; the pick-up point problem was passed to the transport team."),
        ],
        actions=[
            ("You still heard about changes too late.",
             "Since September 2024, families get a text the same day as any change to the "
             "driver, the bus or taxi, or the times.", "Transport manager", Status.DONE, False),
            ("The travel policy was hard to understand.",
             "We wrote the travel help policy again with the parent carer forum, in plain "
             "words. Each part now ends with a short list of the main points.",
             "Head of SEND transport", Status.DONE, True),
            ("You did not know which policies families helped to write.",
             "Each policy we wrote with the forum now says so on the website. It says what "
             "changed and why.", "Head of SEND transport", Status.DONE, False),
        ],
    ),
    Year(
        year=2025, opens=dt.date(2025, 6, 2), closes=dt.date(2025, 7, 4),
        audiences={PARENTS: (1450, 318), YOUNG: (445, 46), SCHOOLS: (60, 33),
                   OPERATORS: (25, 13)},
        top={"Overall satisfaction": 0.88, "Drivers and assistants": 0.90,
             "Arrives on time": 0.82, "Told about changes": 0.68, "Feels safe": 0.92,
             "Equal partner": 0.68, "Part of every stage": 0.61,
             "Views in what was written": 0.66, "Clear information in time": 0.63,
             ADDED_IN_2024: 0.57},
        journey=(0.44, 0.34, 0.18, 0.04),
        travel_help={"Bus pass": 0.16, SHARED_TAXI: 0.67, "Passenger assistant": 0.47,
                     "Travel budget": 0.18, "Travel training": 0.08},
        comments=[
            (APPROVE, "The text messages when something changes are brilliant. This is the "
                      "first year I have not had to chase anyone."),
            (APPROVE, "Same driver and assistant all year. My son is calmer in the mornings and "
                      "gets to school ready to learn."),
            (APPROVE, "The journey is still over an hour each way. Could the route be split in "
                      "two?"),
            (APPROVE, "We were told about the new minibus a week before. Thank you, it made it "
                      "so much easier for her."),
            (APPROVE, "Still the odd late morning, but now the driver rings me, which is all I "
                      "wanted."),
            (APPROVE, "I liked seeing on the website that parents helped to write the policy. "
                      "It made me trust it more."),
            (APPROVE, "The form to apply was easy this time. The old one took me a whole "
                      "evening."),
            (APPROVE, "Please send the schools the same texts. The school office did not know "
                      "the bus was late."),
            (REDACT, "Tell the morning driver, Kevin, to stop playing loud music. My son has "
                     "sensory needs and arrives in tears.",
             "Tell the morning driver to stop playing loud music. My son has sensory needs and "
             "arrives in tears.",
             "Removed a driver's name: we do not name staff in public. The operator has been "
             "asked to keep the radio off on routes for children with sensory needs."),
            (WITHHOLD, "Waste of time. The lot of you in that office are useless and should be "
                       "sacked.", "",
             "Personal abuse of staff. We read every comment; what we did about this year's "
             "results is under 'You said, we did'."),
            (PENDING, "Pick-ups from respite are still a problem. The taxi will only go from our "
                      "home address."),
            (PENDING, "Could the bus wait five minutes at the gate? Some days my daughter is "
                      "not ready and it goes without her."),
        ],
        actions=[
            ("Some journeys take more than 75 minutes each way.",
             "With the bus and taxi firms, we are looking again at each route that takes over "
             "75 minutes. We will do this before September 2026.", "Route planning team leader",
             Status.IN_PROGRESS, False),
            ("Schools want the same change alerts as families.",
             "School offices will get the same texts and emails as families.",
             "Transport manager", Status.PLANNED, False),
            ("You want to see where your child's vehicle is on a map.",
             "We looked at a live map of where each bus or taxi is, with the firms. It costs "
             "more than we can pay this year. So drivers ring families when they are late.",
             "Head of SEND transport", Status.NOT_DONE, False),
        ],
    ),
]

# Opening this year's survey: (audience, answers by bank short name, comment or "").
OPEN_RESPONSES = [
    (PARENTS, {"Overall satisfaction": 5, "Drivers and assistants": 5, "Feels safe": 1,
               "Arrives on time": 4, "Kind of travel help": [SHARED_TAXI, "Passenger assistant"],
               "Equal partner": 4, "Clear information in time": 4},
     "The new driver this term is great with my daughter. She waves at him now."),
    (PARENTS, {"Overall satisfaction": 2, "Drivers and assistants": 4, "Feels safe": 1,
               "Arrives on time": 2, "Kind of travel help": [SHARED_TAXI],
               "Equal partner": 3, "Clear information in time": 2},
     "The pick-up time changed in October with one day's notice, again."),
    (PARENTS, {"Overall satisfaction": 4, "Feels safe": 1, "Arrives on time": 4,
               "Kind of travel help": ["Travel budget"]},
     "Please tell us sooner about transport for the holiday club."),
    (YOUNG, {"Overall satisfaction": 4, "Drivers and assistants": 5, "Feels safe": 1,
             "Kind of travel help": ["Bus pass", "Travel training"]}, ""),
    (SCHOOLS, {"Overall satisfaction": 4, "Drivers and assistants": 4, "Arrives on time": 3,
               "Equal partner": 4, "Clear information in time": 3}, ""),
    (OPERATORS, {"Overall satisfaction": 4, "Equal partner": 3,
                 "Clear information in time": 4}, ""),
]

INTRO = ("Tell us how travel to school went this year: what works, and what we should change. "
         "It takes about 5 minutes. You do not give your name, and nobody can tell which "
         "answers are yours.")


def _split(total: int, weights) -> list[int]:
    """``total`` shared out in proportion to ``weights``, whole numbers adding up exactly."""
    weights = list(weights)
    raw = [total * w / sum(weights) for w in weights]
    counts = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in by_remainder[:total - sum(counts)]:
        counts[i] += 1
    return counts


def _scale_values(n: int, top_share: float) -> list[int]:
    """n answers on a five-point scale with ``top_share`` of them at the top two points."""
    top = round(n * top_share)
    very, good = _split(top, (0.42, 0.58))
    neither, poor, very_poor = _split(n - top, (0.46, 0.32, 0.22))
    return [5] * very + [4] * good + [3] * neither + [2] * poor + [1] * very_poor


class SurveyDemo:
    def __init__(self, *, english, officer, log=print):
        self.english = english
        self.officer = officer
        self.log = log
        self.bank = {q.short_name: q for q in SurveyQuestion.objects.filter(retired=False)}

    def run(self, home) -> None:
        policy = PolicyPage.objects.filter(slug="travel-assistance", locale=self.english,
                                           alias_of__isnull=True).first()
        self.plain_questions()
        index = self.index(home)
        for year in YEARS:
            self.past_survey(index, year, policy)
        self.open_survey(index)
        services.survey_events_record(SurveyPage.objects.all())

    def plain_questions(self) -> None:
        """The bank's questions in the demo's plainer words (``PLAIN_QUESTIONS``), while
        nobody has answered them: once answered, a question keeps the words it was answered
        in (a second load of the demo changes nothing)."""
        for name, fields in PLAIN_QUESTIONS.items():
            question = self.bank[name]
            if question.has_answers() or all(getattr(question, f) == v
                                             for f, v in fields.items()):
                continue
            self.bank[name] = services.question_reword(question=question, **fields)

    def _existing(self, model, slug):
        return model.objects.filter(locale=self.english, slug=slug,
                                    alias_of__isnull=True).first()

    def index(self, home) -> SurveyIndexPage:
        index = self._existing(SurveyIndexPage, "surveys")
        if index is None:
            index = home.add_child(instance=SurveyIndexPage(
                title="Satisfaction surveys", slug="surveys", locale=self.english,
                intro="Each year we ask families, young people, schools and transport "
                      "companies what they think of travel to school, with the parent carer "
                      "forum. Here are the results, and what we did about them."))
            index.save_revision().publish()
        return index

    @staticmethod
    def _when(day: dt.date, hour: int) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))

    def _page(self, *, year: int, opens, closes, layout, audiences) -> SurveyPage:
        page = SurveyPage(
            title=f"Travel to school survey {year}", slug=str(year), locale=self.english,
            year=year, intro=INTRO, opens=opens, closes=closes,
            change_note="Questions agreed with the parent carer forum.")
        for order, (name, step, required) in enumerate(layout):
            page.placements.add(SurveyPlacement(question=self.bank[name], step=step,
                                                required=required, sort_order=order))
        for order, (audience, population) in enumerate(audiences):
            page.audiences.add(SurveyAudience(audience=audience, population=population,
                                              sort_order=order))
        return page

    # --- past years ------------------------------------------------------------------

    def past_survey(self, index: SurveyIndexPage, year: Year, policy) -> None:
        if self._existing(SurveyPage, str(year.year)) is not None:
            self.log(f"Survey {year.year} already there.")
            return
        layout = [(name, step, order == 0) for order, (name, step) in enumerate(LAYOUT)
                  if year.year >= 2024 or name != ADDED_IN_2024]
        page = self._page(
            year=year.year, opens=self._when(year.opens, 9), closes=self._when(year.closes, 17),
            layout=layout, audiences=[(a, pop) for a, (pop, _n) in year.audiences.items()])
        index.add_child(instance=page)
        page.save_revision().publish()
        page = SurveyPage.objects.get(pk=page.pk)
        asked = {name for name, _step, _required in layout}
        responses, shares = self._responses(page, year, asked)
        self._comments(page, year, responses)
        self._results(page, year, shares, len(responses), policy)
        self.log(f"Survey {year.year}: {len(responses)} responses, "
                 f"{round(100 * shares['Overall satisfaction'])}% satisfied overall, "
                 f"results published.")

    def _responses(self, page: SurveyPage, year: Year, asked: set[str]):
        """A few hundred responses, made in bulk: the survey has closed, so
        ``survey_submit`` (rightly) refuses them. Each answer is one of its question's
        options; the shares of each question are exactly the year's figures."""
        rng = random.Random(SEED + year.year)  # noqa: S311 - repeatable demo figures
        days = [year.opens + dt.timedelta(days=d)
                for d in range((year.closes - year.opens).days + 1)]
        days = [d for d in days if d.weekday() < 5]
        # Most answers come in the first week and after the reminder two weeks later.
        day_weights = [3 if i < 5 else 2 if 10 <= i < 13 else 1 for i in range(len(days))]
        audiences = [a for a, (_pop, n) in year.audiences.items() for _ in range(n)]
        rng.shuffle(audiences)
        responses = SurveyResponse.objects.bulk_create([
            SurveyResponse(survey=page, audience=a,
                           submitted_on=rng.choices(days, day_weights)[0])
            for a in audiences])
        assert all(r.pk for r in responses), "the database must return bulk-created ids"

        answers: list[SurveyAnswer] = []
        shares: dict[str, float] = {}

        def answer(response, name, value_int=None, value_text=""):
            answers.append(SurveyAnswer(response_id=response.pk, survey_id=page.pk,
                                        question_id=self.bank[name].pk, value_int=value_int,
                                        value_text=value_text))

        for order, (name, _step) in enumerate(LAYOUT):
            if name not in asked or name == FREE_TEXT:
                continue
            question = self.bank[name]
            skip = 0.0 if order == 0 else 0.12 if name in CHARTER else 0.05
            who = [r for r in responses
                   if name in ASKED[r.audience] and rng.random() >= skip]
            if question.kind in scales.FIVE_POINT:
                values = _scale_values(len(who), year.top[name])
            elif question.kind == scales.YES_NO:
                yes = round(len(who) * year.top[name])
                values = [1] * yes + [0] * (len(who) - yes)
            elif question.kind == scales.SINGLE:
                values = [choice for choice, count in zip(
                    question.choice_list, _split(len(who), year.journey), strict=True)
                    for _ in range(count)]
            else:
                for response in who:
                    ticked = [c for c in question.choice_list
                              if rng.random() < year.travel_help[c]]
                    for choice in ticked or [SHARED_TAXI]:
                        answer(response, name, value_text=choice)
                continue
            rng.shuffle(values)
            for response, value in zip(who, values, strict=True):
                if isinstance(value, int):
                    answer(response, name, value_int=value)
                else:
                    answer(response, name, value_text=value)
            if name in year.top:
                shares[name] = round(year.top[name] * len(who)) / len(who)
        SurveyAnswer.objects.bulk_create(answers, batch_size=5000)
        return responses, shares

    def _comments(self, page: SurveyPage, year: Year, responses) -> None:
        """Parents' written answers, moderated by the demo officer as they would be."""
        rng = random.Random(SEED - year.year)  # noqa: S311 - repeatable demo figures
        writers = rng.sample([r for r in responses if r.audience == PARENTS],
                             len(year.comments))
        comments = SurveyComment.objects.bulk_create([
            SurveyComment(response=response, survey=page, question=self.bank[FREE_TEXT],
                          text=spec[1], language="en")  # typed on the English page
            for response, spec in zip(writers, year.comments, strict=True)])
        for comment, spec in zip(comments, year.comments, strict=True):
            decision = spec[0]
            if decision == PENDING:
                continue
            public_text, reason = (spec[2], spec[3]) if len(spec) > 2 else ("", "")
            services.comment_moderate(comment=comment, user=self.officer, decision=decision,
                                      reason=reason, public_text=public_text)

    def _results(self, page: SurveyPage, year: Year, shares, total: int, policy) -> None:
        """The results agreed with the forum: a second version of the page."""

        def pct(name):
            return round(100 * shares[name])

        people = {a: n for a, (_pop, n) in year.audiences.items()}
        # The summary is read beside the tables, so it names only the groups the tables show:
        # a count held back there (statistics.held_back) must not be written here.
        hidden = held_back(people)
        named = [f"{people[a]} {words}" for a, words in (
            (PARENTS, "parents and carers"), (YOUNG, "young people"), (SCHOOLS, "schools"),
            (OPERATORS, "bus and taxi firms")) if a not in hidden]
        if hidden:
            named.append("some schools and bus and taxi firms" if hidden == {SCHOOLS, OPERATORS}
                         else "a few others")
        summary = (
            f"{total} people answered. They were {', '.join(named[:-1])} and {named[-1]}. "
            f"Of every 100, {pct('Overall satisfaction')} were satisfied with their travel "
            f"help. {pct('Drivers and assistants')} felt the same about the staff who travel "
            f"with the children. {pct('Arrives on time')} felt the same about the bus or taxi "
            f"coming on time. For how we told them when things changed, it was "
            f"{pct('Told about changes')}. And {pct('Equal partner')} agreed that they were an "
            f"equal partner and that we listened.")
        page = page.get_latest_revision_as_object()
        page.results_published = True
        page.results_summary = summary
        page.change_note = "Results and what we will do, agreed with the forum."
        version = None
        if policy is not None:
            version = PageVersion.objects.filter(page=policy).order_by("-number").first()
        for order, (you_said, action, owner, status, links_policy) in enumerate(year.actions):
            linked = links_policy and policy is not None
            page.actions.add(SurveyAction(
                you_said=you_said, action=action, owner=owner, status=status, sort_order=order,
                linked_page=policy if linked else None,
                linked_version=version if linked else None))
        page.save_revision().publish()

    # --- this year ---------------------------------------------------------------------

    def open_survey(self, index: SurveyIndexPage) -> None:
        if self._existing(SurveyPage, "2026") is not None:
            self.log("Survey 2026 already there.")
            return
        # Computed from today, so the demo's survey is open whenever the demo is loaded.
        now = timezone.now()
        page = self._page(
            year=2026, opens=now - dt.timedelta(days=4), closes=now + dt.timedelta(weeks=6),
            layout=OPEN_LAYOUT,
            audiences=[(PARENTS, 1480), (YOUNG, 450), (SCHOOLS, 61), (OPERATORS, 25)])
        index.add_child(instance=page)
        page.save_revision().publish()
        page = SurveyPage.objects.get(pk=page.pk)
        for number, (audience, answers, comment) in enumerate(OPEN_RESPONSES, start=1):
            services.survey_submit(
                survey=page, audience=audience,
                answers={self.bank[name].pk: value for name, value in answers.items()},
                comments={self.bank[FREE_TEXT].pk: comment} if comment else {},
                submission_key=f"demo-2026-{number}", language="en")
        self.log(f"Survey 2026: open until {timezone.localdate(page.closes):%d %B %Y}, "
                 f"{len(OPEN_RESPONSES)} responses so far.")
