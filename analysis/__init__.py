"""Analysis: reading every written answer to a consultation or survey.

Themes are found with help (``suggest.py``: suggested themes and suggested codes, made on
this machine) and decided by people; only confirmed codes are counted (``counting.py``:
respondents per theme, Wilson intervals, the small-number rule with complementary
suppression). ``demo/`` holds the hand-coded demo set the suggestions are measured against.
"""
