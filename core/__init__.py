"""The lowest layer that knows Django: what every app's pages and forms share.

Below ``charter`` (the co-production engine) and the page apps, above only the plain rule
modules. Nothing here imports Wagtail or any app of the project: the page cache, typed text
(stored as typed, escaped when shown), plain form messages, and what an expired security
token gives back. ``tests/charter/test_layers.py`` keeps it so.
"""
