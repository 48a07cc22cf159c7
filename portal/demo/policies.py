"""Demo policies, written for parents from the facts of a council SEND travel policy.

Each section: (heading, body HTML, summary points). Bodies use only <p>, <ul>
and <li> so wagtail-localize splits them into whole sentences for translators.
"""

TRAVEL_ASSISTANCE = {
    "slug": "travel-assistance",
    "title": "Travel help for children with SEND",
    "in_short": (
        "If your child has SEND and cannot get to school safely in the usual way, we may help. "
        "We look at each child on their own. Help can be a bus pass or a shared taxi. It can "
        "be money for you to arrange travel, or training to travel alone."
    ),
    "effective_date": "2026-09-01",
    "change_note": "First version, written with the parent carer forum.",
    "sections": [
        ("Who can ask for travel help",
         "<p>Anyone can ask. You can ask if your child is aged 5 to 16 and lives in our area.</p>"
         "<p>Children under 5 and young people over 16 may get help too. This help is discretionary. You may need to pay something towards it.</p>"
         "<p>Asking for help does not mean you will get it. We look at every request on its own.</p>"
         "<p>The SENCO at your child's school can help you fill in the form. SENDIASS can help too.</p>",
         ["You can ask if your child is 5 to 16 and lives in our area.",
          "Under 5s and over 16s may get help, but it is not automatic."]),
        ("Walking distances",
         "<p>The law sets how far a child can be expected to walk to school.</p>"
         "<ul><li>Under 8 years old: up to 2 miles.</li><li>8 years old and over: up to 3 miles.</li></ul>"
         "<p>We measure the shortest safe walking route. A parent may walk with the child.</p>"
         "<p>If your child's SEND means they cannot walk safely, even with you, we will think about travel help. Distance matters, but it is not the only thing we look at.</p>",
         ["Under 8: up to 2 miles. 8 and over: up to 3 miles.",
          "If your child cannot walk safely because of their SEND, we will still look at help."]),
        ("How we decide",
         "<p>We look at your child's needs, not just their diagnosis. Having an EHCP does not mean your child will get transport. You can ask even if your child does not have an EHCP.</p>"
         "<p>We think about:</p>"
         "<ul><li>your child's age</li><li>their needs and how they affect the trip</li><li>if the walk is safe</li><li>any risk on the trip</li></ul>"
         "<p>We read what you, the school and others who know your child tell us. Where it helps, we ask your child too. We may check how safe the trip is.</p>"
         "<p>You may choose a school that is further away than the nearest school that can meet your child's needs. Then we do not have to help with travel, unless there is a very good reason.</p>",
         ["Each child is looked at on their own.",
          "An EHCP alone does not mean your child gets transport."]),
        ("Kinds of travel help",
         "<p>If your child can get help, we choose the kind that suits them best. Where we can, we choose help that lets them do more on their own.</p>"
         "<ul><li>A free bus pass.</li><li>A seat on a shared taxi or small bus.</li><li>A passenger assistant who goes with your child.</li><li>A personal travel budget: money paid to you so you can plan the trip.</li><li>Independent travel training.</li></ul>"
         "<p>You do not have to take a personal travel budget. You can stop using one at any time. New help may take a while to set up.</p>",
         ["Help can be a bus pass, shared transport, a passenger assistant, a personal travel budget or training."]),
        ("How long journeys should take",
         "<p>We plan routes so that journeys are no longer than they need to be.</p>"
         "<ul><li>Children at primary school: no more than 45 minutes each way.</li><li>Children at secondary school: no more than 75 minutes each way.</li></ul>"
         "<p>Transport is for the start and end of the normal school day. If your child's EHCP says they need to start or end at other times, we will try to fit around it.</p>",
         ["Primary: up to 45 minutes. Secondary: up to 75 minutes."]),
        ("Young people over 16 and children under 5",
         "<p>At these ages, your child does not get travel help just by asking. If we give it, we mostly ask you to pay part of the cost.</p>"
         "<ul><li>The charge is £1,000 a year.</li><li>If you get income-related benefits, it is £500 a year.</li><li>You can pay in up to eight monthly parts.</li></ul>"
         "<p>In rare cases we can drop the charge. If your child will miss school for 4 weeks or more because they are ill, talk to us about the charge.</p>",
         ["Over 16s and under 5s may pay £1,000 a year, or £500 with income-related benefits."]),
        ("What we ask of you",
         "<p>It is still up to you to get your child to school, even while you wait to hear from us.</p>"
         "<ul><li>Have your child ready on time in the morning, and be there to meet them after school.</li><li>Tell us if your child will not need the trip, for example when they are ill for more than a day or two.</li><li>Tell us as soon as you can if you move home or change school.</li><li>Help your child learn how to act on the bus or taxi.</li></ul>",
         ["Be ready on time and tell us about any changes."]),
    ],
    # What this version decides, for the checker ("What would this mean for my child?"): the
    # Stoke-on-Trent policy's rules (seeds/004) in this demo's words. The walking bands follow
    # the demo's text, "Under 8 years old: up to 2 miles. 8 years old and over: up to 3 miles".
    "eligibility_rules": {
        "area_name": "our area",
        "school_age_from": 5, "school_age_to": 16,
        "who_section": "Who can ask for travel help",
        "walking_bands": [{"min_age": 5, "max_age": 7, "miles": "2"},
                          {"min_age": 8, "max_age": 16, "miles": "3"}],
        "walking_section": "Walking distances",
        "unsafe_walk_duty": "will_consider",
        "choice_section": "How we decide",
        "low_income_bands": [],
        "low_income_section": "",
        "under_age_discretionary": True, "post16_discretionary": True,
        "post16_section": "Young people over 16 and children under 5",
        "contribution_pounds": 1000, "contribution_low_income_pounds": 500,
        "contribution_instalments": 8,
        "post19_min_age": 19, "post19_max_age": 25, "post19_min_miles": "3",
        "post19_section": "Young people over 16 and children under 5",
        "appeal_page": "appeals-and-complaints",
    },
}

APPEALS = {
    "slug": "appeals-and-complaints",
    "title": "Asking us to look again: appeals and complaints",
    "in_short": (
        "If you think we made the wrong decision about travel help, you can appeal. "
        "If you are unhappy with how we treated you, you can complain. "
        "This page tells you how, and how long each step takes."
    ),
    "effective_date": "2026-09-01",
    "change_note": "First version, written with the parent carer forum.",
    "sections": [
        ("Appeal or complaint?",
         "<p>An <strong>appeal</strong> is when you think the decision itself is wrong. For example, we said no to transport and you think your child needs it.</p>"
         "<p>A <strong>complaint</strong> is when you are unhappy with how we dealt with you. For example, we did not reply or were rude.</p>",
         ["Appeal: the decision is wrong. Complaint: how we dealt with you was wrong."]),
        ("Appeal stage one: a review by an officer",
         "<p>Ask within 20 working days of our decision. Use the appeal form and tell us why you disagree. Send anything we did not see before.</p>"
         "<p>An officer who did not make the first decision looks at it again. A manager checks their work. We have 20 working days to decide.</p>",
         ["Ask within 20 working days. We decide within 20 working days."]),
        ("Appeal stage two: an independent panel",
         "<p>If you are still unhappy, ask in writing for stage two within 20 working days of our stage one letter.</p>"
         "<p>At least two senior officers who were not involved before look at your appeal. You can come to the meeting and tell them about your child. We have 40 working days to decide.</p>",
         ["Ask within 20 working days. We decide within 40 working days.",
          "You can speak at the meeting."]),
        ("Making a complaint",
         "<p>Tell us what went wrong. We will say we have your complaint within 2 working days, and tell you who is looking at it.</p>"
         "<p>We aim to reply within 10 working days. If it will take longer, we will tell you when to expect an answer.</p>"
         "<p>If you are not happy with our reply, ask for stage two in writing within 10 working days. Someone new and a senior manager look at it. We reply within 20 working days.</p>",
         ["We reply within 10 working days, or 20 at stage two."]),
        ("If you are still unhappy",
         "<p>You can go to the Ombudsman if you think we did not follow the right steps. The Ombudsman is free and does not work for us.</p>"
         "<p>If you think we broke the law, you can ask a court to look at it. This is called a judicial review. SENDIASS or Amaze can help you choose what to do.</p>",
         ["The Ombudsman can look at how we made a decision."]),
        ("While you wait",
         "<p>You are still responsible for getting your child to school while an appeal or complaint is looked at. If this is hard for you, tell us. We will try to help.</p>",
         []),
    ],
}

POLICIES = [TRAVEL_ASSISTANCE, APPEALS]
