"""The analysis's admin and engine wiring. The write-up's hooks live in their own module."""

from analysis import wagtail_hooks_writeup  # noqa: F401 - registers the write-up's hooks
