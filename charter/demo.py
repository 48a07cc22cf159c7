"""Demo co-production: the charter, the working agreement, a letter to families, and a
record to look at (a finished forum review with answered comments and a stated
disagreement, a draft with the forum now, meetings with actions).

Built with the same services the forum and officers use, so the evidence log
is real. Written in the portal's own words from the Herefordshire charter and
the Brighton & Hove working agreement in the seeds, plain enough to meet the site's reading
age of 9 as the editor's panel scores them (``tests/portal/test_demo_content.py`` holds them
to it). The charter's "how we will know it is working" statements are the survey's questions
too, word for word, so they stay as the charter has them.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from wagtail.rich_text import RichText

from charter import services
from charter.coproduction import coproduction_workflow
from charter.models import (
    CharterPage,
    CoproductionMeeting,
    EvidenceEntry,
    ForumReviewTaskState,
    MeetingAction,
    MeetingAttendee,
    WorkingAgreementPage,
)

CHARTER = {
    "title": "Our co-production charter",
    "vision": (
        "Every family of a child with SEND can have a real say in the choices that affect "
        "them. We listen. We act on what we hear. Then we tell you what we did."
    ),
    "principles": [
        ("How we work together", [
            "We say at the start what the work is and how much say families will have.",
            "We ask who we need to involve, and who we have missed.",
            "We plan what to talk about with families, not before they come.",
            "Everyone gets the same facts at the same time, in a way they can use.",
            "We meet when and where parents can come: not at school run times.",
            "We always say what happened because of what people told us.",
            "If we meet in the middle, we show that we heard every voice first.",
        ]),
    ],
    "commitments": [
        ("Listening and feedback", [
            ("We will treat the forum as an equal partner.",
             "People from the forum sit on the board that checks our work. They read each "
             "draft before we put it out."),
            ("We will answer every comment.",
             "Each comment from the forum gets an answer and the reason for it. We say if we "
             "accept it, accept part of it, do not accept it, or note it."),
        ]),
        ("Clear information", [
            ("We will write in words parents use.",
             "Policies aim for a reading age of 9. Hard words are explained where they appear."),
            ("We will show what changed and why.",
             "Every version is kept, with the forum comments that led to each change."),
        ]),
    ],
    "measures": [
        ("How we will know it is working", [
            "I am an equal partner and I am listened to.",
            "I can take part at every stage, not only at the end.",
            "I can see my views in what was written.",
            "I get clear information in good time, in a form I can use.",
            "I know which policies were written with families.",
        ]),
    ],
    "signatories": [
        ("Parent carer forum", "Chair"),
        ("The council's SEND transport service", "Head of service"),
        ("The council's children's services", "Director"),
    ],
}

AGREEMENT = {
    "title": "Working agreement between the transport service and the forum",
    "intro": (
        "Here is how the school transport team and the parent carer forum work as one. We "
        "write each of our rules with the forum."
    ),
    "clauses": [
        ("The law", "Each policy must keep to the law. That is the Education Act. It must also "
                    "keep to the guide the government wrote on travel to school."),
        ("Who speaks for families", "Forum members speak for parent carers. They tell the "
                                    "forum what we are doing. They ask its members what they "
                                    "think when they need to."),
        ("Every policy", "We write every policy with the forum. We do the same for each change "
                         "to the service. We use words that parents know."),
        ("Letters and news", "We write key letters and news with the forum too."),
        ("Before a consultation", "Before we ask families what they think, we plan it with "
                                  "the forum. We plan the questions, the words, and how we "
                                  "will use the answers. We agree how long the forum needs."),
        ("Consultations", "If we want to change how we help, we ask families first. We never "
                          "ask in the school holidays."),
        ("Meetings", "The team and the forum meet every two weeks."),
        ("The survey", "Each year we run a survey with the forum. It asks how satisfied families "
                       "are. We use what they tell us to do better."),
        ("Disagreements", "The forum and the council may not agree. If so, the papers say so."),
    ],
    "closing": (
        "Forum members are parent carers with little time to spare. At each stage we agree "
        "what we ask of them, and by when."
    ),
}

COMMENTS = [
    # (section index, quote, comment, disposition, reason, changes the text?)
    (1, "walk up to 2 miles",
     "<p>Two miles is a long way for a child of 7 who is anxious. Can you say that we look at "
     "each child?</p>",
     "accepted", "", True),
    (0, "",
     "<p>Please say clearly that a child does not need an EHCP to get help.</p>",
     "partly",
     "We have added a line about this. The law still limits help without a plan.", True),
    (1, "",
     "<p>The walking distance for children over 8 should be two miles, not three.</p>",
     "not_accepted",
     "Three miles is the distance the law sets for children aged 8 and over.", False),
]


class CoproductionDemo:
    def __init__(self, *, english, officer, forum_rep, log=print):
        self.english = english
        self.officer = officer
        self.forum_rep = forum_rep
        self.log = log

    def _child(self, parent, model, slug, **fields):
        page = model.objects.filter(locale=self.english, slug=slug).first()
        if page is not None:
            return page
        page = parent.add_child(instance=model(slug=slug, locale=self.english, **fields))
        page.save_revision().publish()
        return model.objects.get(pk=page.pk)

    def charter(self, home):
        charter = self._child(
            home, CharterPage, "co-production-charter", title=CHARTER["title"],
            vision=CHARTER["vision"],
            principles=[("principles", {"heading": h, "statements": s})
                        for h, s in CHARTER["principles"]],
            commitments=[("theme", {"theme": theme, "commitments": [
                {"our_commitment": c, "what_this_means": m} for c, m in items]})
                for theme, items in CHARTER["commitments"]],
            measures=[("measures", {"heading": h, "statements": s})
                      for h, s in CHARTER["measures"]],
            signatories=[("signatory", {"organisation": o, "role": r})
                         for o, r in CHARTER["signatories"]],
            # A year from when the demo is loaded, so the demo charter is never overdue.
            review_date=timezone.localdate() + dt.timedelta(days=365),
            change_note="First version, agreed by all partners.",
        )
        self._child(
            charter, WorkingAgreementPage, "working-agreement", title=AGREEMENT["title"],
            intro=AGREEMENT["intro"],
            clauses=[("clause", {"heading": h, "text": t}) for h, t in AGREEMENT["clauses"]],
            closing=AGREEMENT["closing"], review_date=dt.date(2026, 5, 1),
            change_note="First version.",
        )
        return charter

    def history(self, policy, draft_policy):
        """A finished review of one policy (version 2) and a draft of another with the forum."""
        if EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.REVIEW_OPENED).exists():
            return
        workflow = coproduction_workflow()
        Decision = ForumReviewTaskState.Decision

        # Round one: the forum comments, the council answers and changes the draft.
        draft = policy.get_latest_revision_as_object()
        draft.change_note = ("Walking distances now say we look at each child; a line on "
                             "help without an EHCP, after the forum's comments.")
        draft.save_revision(user=self.officer)
        workflow.start(draft, self.officer)
        review = draft.current_workflow_task_state.specific
        blocks = list(draft.sections)
        made = []
        for index, quote, body, disposition, reason, changes in COMMENTS:
            block = blocks[index]
            comment = services.comment_submit(
                review=review, author=self.forum_rep, body=body, quote=quote,
                block_id=block.id, section_heading=block.value["heading"])
            services.comment_answer(comment=comment, officer=self.officer,
                                    disposition=disposition, reason=reason)
            made.append((comment, changes))
        revised = policy.get_latest_revision_as_object()
        for block in revised.sections:
            value = block.value
            if value["heading"].startswith("Walking"):
                value["body"] = RichText(value["body"].source + (
                    "<p>We look at each child. If your child cannot walk this far safely "
                    "because of their needs, we will help even if you live closer.</p>"))
            elif block.id == blocks[0].id:
                value["body"] = RichText(value["body"].source + (
                    "<p>Your child does not need an EHCP to ask for help.</p>"))
        revision = revised.save_revision(user=self.officer)
        services.comments_resolve(comments=[c for c, changes in made if changes],
                                  revision=revision, officer=self.officer)
        walking = next(b for b in blocks if b.value["heading"].startswith("Walking"))
        services.review_decide(
            review=review, user=self.forum_rep, decision=Decision.AGREED_WITH_DISAGREEMENT,
            note="We agree this version. We still disagree about distances for over-8s.",
            disagreements=[{
                "topic": "Walking distance for children aged 8 and over",
                "forum_position": "Three miles is too far for many of our children, even "
                                  "without a plan. We want two miles for all children with "
                                  "SEND.",
                "block_id": walking.id, "section_heading": walking.value["heading"],
            }],
        )
        disagreement = policy.disagreements.get()
        services.disagreement_set_position(
            disagreement=disagreement, user=self.officer,
            position="The law sets three miles for this age. We look at each child's needs, "
                     "and we will review this with the forum next year.")

        # Round two: a draft of another policy is with the forum now.
        second = draft_policy.get_latest_revision_as_object()
        second.change_note = "Plainer words about how to ask for a review."
        second.in_short = second.in_short.replace(
            "you can appeal.", "you can appeal: ask us to look at it again.")
        second.save_revision(user=self.officer)
        workflow.start(second, self.officer)
        open_review = second.current_workflow_task_state.specific
        first_block = list(second.sections)[0]
        services.comment_submit(
            review=open_review, author=self.forum_rep, block_id=first_block.id,
            section_heading=first_block.value["heading"],
            body="<p>Please give the phone number here, not only at the end.</p>")
        self.log("Co-production history: a finished review, a draft with the forum.")

    def meetings(self):
        if CoproductionMeeting.objects.exists():
            return
        today = timezone.localdate()
        for days_ago, title, decisions, actions in [
            (45, "Co-production meeting", "Agreed the plan for the new travel policy.",
             [("Share the draft policy with the forum", "Transport team", -38, True)]),
            (31, "Co-production meeting", "Went through the forum's comments.",
             [("Answer every forum comment", "Transport team", -24, True)]),
            (10, "Co-production meeting", "Agreed the survey questions for this year.",
             [("Send the survey to families", "Transport team", -3, False),
              ("Check the Polish translation", "Parent carer forum", 20, False)]),
        ]:
            meeting = CoproductionMeeting.objects.create(
                date=today - dt.timedelta(days=days_ago), title=title, decisions=decisions,
                agenda="Actions from last time. Drafts with the forum. Anything else.")
            MeetingAttendee.objects.create(meeting=meeting, role="Forum representatives (2)",
                                           organisation="Parent carer forum")
            MeetingAttendee.objects.create(meeting=meeting, role="Officers (2)",
                                           organisation="SEND transport service")
            for action, owner, due_in_days, done in actions:
                MeetingAction.objects.create(
                    meeting=meeting, action=action, owner=owner, done=done,
                    due_date=today + dt.timedelta(days=due_in_days))
            services.meeting_record(meeting=meeting)

    def board_meetings(self):
        """The governance board's last meeting (held) and its next (planned), so the board
        home offers a pack for each: the next one's pack covers everything since the last."""
        board = CoproductionMeeting.Kind.BOARD
        if CoproductionMeeting.objects.filter(kind=board).exists():
            return
        today = timezone.localdate()
        for days, decisions in [
            (-60, "Noted the evidence log's checkpoint in these minutes."),
            (21, ""),
        ]:
            meeting = CoproductionMeeting.objects.create(
                date=today + dt.timedelta(days=days), kind=board,
                title="Governance board meeting", decisions=decisions,
                agenda="The board pack. The record's latest checkpoint. Reviews answered late.")
            MeetingAttendee.objects.create(meeting=meeting, role="Board members (4)",
                                           organisation="SEND governance board")
            services.meeting_record(meeting=meeting)
        self.log("Governance board: one meeting held, the next one planned.")
