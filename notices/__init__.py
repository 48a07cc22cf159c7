"""Notices: families told when what they rely on changes, and only with their say-so.

Parents subscribe without an account (double opt-in) to one policy, to new consultations,
to survey results or to everything; each notice comes from an entry of the evidence log, so
nothing is announced that the record does not hold.
"""
