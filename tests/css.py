"""Reading the built stylesheet in tests: which classes it defines and which it hides."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

BUILT_CSS = Path(__file__).resolve().parent.parent / "portal/static/portal/css/portal.css"

# What GOV.UK Frontend's visually-hidden mixin writes: off screen, clipped, one pixel.
_HIDING = ("position:absolute", "width:1px", "height:1px", "overflow:hidden",
           "clip-path:inset(50%)")


@cache
def built_css() -> str:
    """The committed, compiled stylesheet with spaces and !important removed."""
    return re.sub(r"\s+|!important", "", BUILT_CSS.read_text(encoding="utf-8"))


@cache
def defined_classes() -> frozenset[str]:
    """Every class name a selector in the built CSS mentions (``govuk-!-…`` unescaped)."""
    names = re.findall(r"\.((?:[A-Za-z0-9_-]|\\.)+)", built_css())
    return frozenset(name.replace("\\", "") for name in names)


def hiding_classes() -> frozenset[str]:
    """Classes whose own rule hides an element visually but not from the page."""
    hidden = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", built_css()):
        if all(part in body for part in _HIDING):
            for selector in selectors.split(","):
                if re.fullmatch(r"\.[A-Za-z0-9_-]+", selector):
                    hidden.add(selector[1:])
    return frozenset(hidden)


class _WrapperFinder(HTMLParser):
    """The classes of every element open around ``<input name=...>``."""

    VOID = {"input", "br", "img", "meta", "link", "hr"}

    def __init__(self, name: str):
        super().__init__()
        self.name, self.stack, self.found = name, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == self.name and self.found is None:
            self.found = [c for _t, classes in self.stack for c in classes]
        if tag not in self.VOID:
            self.stack.append((tag, (attrs.get("class") or "").split()))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break


def classes_around_input(html: str, name: str) -> list[str]:
    """Classes of the elements that contain the input called ``name``; [] when absent."""
    finder = _WrapperFinder(name)
    finder.feed(html)
    return finder.found or []
