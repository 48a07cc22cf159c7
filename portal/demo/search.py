"""Demo search promotions: the everyday words families type, and the answer each should find.

(search words, "faq" or a policy slug, what the result says). The loader adds them as
Wagtail search promotions, which officers edit under Settings > Promoted search results.
"""

URGENT = ("Transport not turned up or running late? Phone the transport team straight away. "
          "Out of hours, phone the number on your child's travel letter.")

COMPLAINT = ("Not happy with how we dealt with you? See how to make a complaint, and how it "
             "differs from an appeal.")

PROMOTIONS = [
    ("taxi late", "faq", URGENT),
    # "Taxi" alone, in every language: most families who type only that have a taxi that
    # has not come (the policy's own pages still list below it).
    ("taxi", "faq", URGENT),
    ("taksówka", "faq", URGENT),
    ("تاكسي", "faq", URGENT),
    ("تكسي", "faq", URGENT),
    ("سيارة أجرة", "faq", URGENT),
    ("late", "faq", URGENT),
    ("not turned up", "faq", URGENT),
    ("driver", "faq", URGENT),
    ("taxi not come", "faq", URGENT),
    ("not turn up", "faq", URGENT),
    ("not arrived", "faq", URGENT),
    # "No show", "no-show": what a family says when nobody came at all.
    ("no show", "faq", URGENT),
    # The same in Polish and Arabic, as families type them: each matches any search that
    # holds its words ("taksowka sie spoznia", "kierowca nie przyjechal", "السائق تاخر").
    ("spóźnia", "faq", URGENT),
    ("spóźniona", "faq", URGENT),
    ("nie przyjechał", "faq", URGENT),
    ("nie przyjechała", "faq", URGENT),
    ("kierowca", "faq", URGENT),
    ("تأخر", "faq", URGENT),
    ("متأخر", "faq", URGENT),
    ("لم يصل", "faq", URGENT),
    ("لم تصل", "faq", URGENT),
    ("السائق", "faq", URGENT),
    # Complaints, in each language as families type them (any form: "skargę", "الشكوي"):
    # the appeals and complaints policy.
    ("complaint", "appeals-and-complaints", COMPLAINT),
    ("complain", "appeals-and-complaints", COMPLAINT),
    ("skarga", "appeals-and-complaints", COMPLAINT),
    ("zażalenie", "appeals-and-complaints", COMPLAINT),
    ("reklamacja", "appeals-and-complaints", COMPLAINT),
    ("شكوى", "appeals-and-complaints", COMPLAINT),
    ("اشتكي", "appeals-and-complaints", COMPLAINT),
    ("bus pass", "travel-assistance",
     "A free bus pass is one kind of travel help. See who can ask and how we decide."),
    ("EHCP", "travel-assistance",
     "An EHCP on its own does not mean your child gets transport. See how we decide."),
]
