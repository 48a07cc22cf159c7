"""Survey charts as SVG text, drawn on the server so they need no JavaScript.

Plain functions over plain values (standard library only). Every chart:

- is one ``<svg role="img">`` named by its own ``<title>`` and ``<desc>`` through
  ``aria-labelledby``, with a data table beside it on the page for the exact figures;
- carries its figures and labels as text, so nothing is told by colour alone;
- has a ``viewBox`` and ``width="100%"``: it shrinks to a 320 px screen without scrolling;
- escapes every piece of text it is given, so a label such as ``<b>&"`` stays text;
- with ``rtl=True`` (an Arabic page) is drawn mirrored: labels from the right edge, bars
  growing leftwards, the oldest year on the right; numbers stay left to right
  (``direction="ltr"`` on their own text) and are written with the page's ``decimal``
  separator, so the chart and the table beside it show a share the same way;
- names the language of a title or label in another language than the page's (``lang``:
  an English question on an Arabic page), so a screen reader reads it in the right voice.

Colours: the site's brand teal (#0b5f5a, 7.3:1 on white) for bars, points and lines,
above the 3:1 that shapes need; near-black (#0b0c0c) for text, above 4.5:1.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from surveys.statistics import whole_percent

_QUOTES = {'"': "&quot;"}

BRAND = "#0b5f5a"
TEXT = "#0b0c0c"
TRACK = "#eef5f4"  # the empty part of a bar: a hint of the scale, not information
GRID = "#6c9e9a"

# A narrow drawing: on a 320 px screen it is shown at about its own size, so its text stays
# readable there; the page's CSS caps how far it grows on wider screens.
WIDTH = 300
FONT_SIZE = 14
LINE_HEIGHT = 18
LABEL_CHARACTERS = 38  # about what fits on one line of the chart at FONT_SIZE

# Bars
BAR_HEIGHT = 20
BAR_GAP = 14
BAR_MAX = WIDTH - 64  # room after the longest bar for "100.0 %"

# Trend plot
PLOT_LEFT = 52  # room for "100 %" at the scale's size, with its glyphs' overhang
LABEL_INSET = 2
PLOT_RIGHT = WIDTH - 8
PLOT_TOP = 24  # room above 100 % for a value written over its whisker
PLOT_BOTTOM = 204
TREND_HEIGHT = 240
POINT_INSET = 24  # keeps the first and last year's labels inside the chart


@dataclass(frozen=True)
class Bar:
    """One answer: its label, its share (0 to 100), and the words written after the bar."""

    label: str
    percent: float
    value_text: str = ""
    lang: str = ""  # the label's language, when it is not the page's (e.g. "en")


@dataclass(frozen=True)
class Point:
    """One year of a trend. ``share``, ``low`` and ``high`` run from 0 to 1; a ``share`` of
    None is a year whose figure is held back."""

    year: int
    share: float | None
    low: float = 0.0
    high: float = 0.0
    value_text: str = ""


def percent_text(percent: float, decimal: str = ".") -> str:
    """'75 %' or '33.3 %' ('33,3 %' with ``decimal=","``): a whole number loses its '.0';
    the space does not break."""
    number = f"{percent:.1f}".removesuffix(".0").replace(".", decimal)
    return f"{number}\u00a0%"


@dataclass(frozen=True)
class _Layout:
    """Where things go: ``x`` mirrors a left-to-right coordinate on a right-to-left page."""

    rtl: bool = False
    decimal: str = "."

    def x(self, x: float) -> float:
        return WIDTH - x if self.rtl else x

    def anchor(self, side: str, *, number: bool = False) -> str:
        """text-anchor for text aligned on ``side`` ("left", "right" or "middle") of its x,
        as drawn left to right; numbers are always laid out left to right."""
        if side == "middle":
            return "middle"
        if self.rtl:
            side = "right" if side == "left" else "left"
        ltr = number or not self.rtl
        return "start" if (side == "left") == ltr else "end"


def _lang(lang: str) -> str:
    return f" lang={quoteattr(lang)}" if lang else ""


def _title_lang(lang: str) -> str:
    # A title in another language than the page's (English on an Arabic page) carries its
    # language and its direction (English and Polish are left to right), as HTML text does.
    if not lang:
        return ""
    direction = "rtl" if lang.split("-")[0] in {"ar", "he", "fa", "ur"} else "ltr"
    return f"{_lang(lang)} direction={quoteattr(direction)}"


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = FONT_SIZE,
          weight: str = "normal", css: str = "", number: bool = False, lang: str = "") -> str:
    extra = f" class={quoteattr(css)}" if css else ""
    extra += _lang(lang)
    bold = ' font-weight="bold"' if weight == "bold" else ""
    # Numbers, and words in another (left-to-right) language such as English on an Arabic
    # page, keep their own order: "?" stays at the end of an English question.
    direction = ' direction="ltr" unicode-bidi="embed"' if number or lang else ""
    return (f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}" fill="{TEXT}" '
            f'text-anchor="{anchor}"{direction}{bold}{extra}>{escape(content, _QUOTES)}</text>')


def _n(number: float) -> str:
    """Coordinates to two decimal places at most: short, and stable in tests."""
    return f"{number:.2f}".rstrip("0").rstrip(".")


def _svg(chart_id: str, height: float, title: str, description: str, body: list[str],
         rtl: bool = False, title_lang: str = "") -> str:
    ids = quoteattr(f"{chart_id}-title {chart_id}-desc")
    direction = "rtl" if rtl else "ltr"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'width="100%" role="img" aria-labelledby={ids} focusable="false" '
        f'font-family="inherit" direction="{direction}">'
        f'<title id={quoteattr(chart_id + "-title")}{_title_lang(title_lang)}>'
        f'{escape(title, _QUOTES)}</title>'
        f'<desc id={quoteattr(chart_id + "-desc")}>{escape(description, _QUOTES)}</desc>'
        + "".join(body) + "</svg>"
    )


def bar_chart(bars: Sequence[Bar], *, title: str, description: str, chart_id: str,
              empty_text: str = "No answers to show.", rtl: bool = False,
              decimal: str = ".", title_lang: str = "") -> str:
    """A distribution as horizontal bars, in the order given.

    Each bar's label is written above it (wrapped to fit) and its value after it. Bar
    lengths are the percentages on a 0 to 100 scale, so shares can be compared across
    charts; the track behind each bar shows where 100 % would end. ``rtl`` mirrors it.
    ``title_lang`` and each bar's ``lang`` name the language of a title or label that is not
    the page's (an English question on an Arabic page).
    """
    at = _Layout(rtl, decimal)
    if not bars:
        return _svg(chart_id, 40, title, description,
                    [_text(at.x(0), 25, empty_text, anchor=at.anchor("left"))], rtl, title_lang)
    body: list[str] = []
    y = 4.0  # room for the first label's ascenders inside the chart's box
    for bar in bars:
        for line in textwrap.wrap(bar.label, LABEL_CHARACTERS) or [""]:
            y += LINE_HEIGHT
            # Glyphs overhang their box a little ("Y", Arabic joins): keep them off the edge.
            body.append(_text(at.x(LABEL_INSET), y - 4, line, lang=bar.lang,
                              anchor=at.anchor("left", number=bool(bar.lang))))
        y += 4
        percent = min(max(bar.percent, 0.0), 100.0)
        length = BAR_MAX * percent / 100
        track_x = WIDTH - BAR_MAX if rtl else 0
        bar_x = WIDTH - length if rtl else 0
        body.append(f'<rect class="track" x="{_n(track_x)}" y="{_n(y)}" width="{BAR_MAX}" '
                    f'height="{BAR_HEIGHT}" fill="{TRACK}"/>')
        body.append(f'<rect class="bar" x="{_n(bar_x)}" y="{_n(y)}" width="{_n(length)}" '
                    f'height="{BAR_HEIGHT}" fill="{BRAND}"/>')
        value = bar.value_text or percent_text(bar.percent, decimal)
        body.append(_text(at.x(BAR_MAX + 6), y + BAR_HEIGHT / 2 + 5, value, weight="bold",
                          css="value", anchor=at.anchor("left", number=True), number=True))
        y += BAR_HEIGHT + BAR_GAP
    return _svg(chart_id, y - BAR_GAP + 4, title, description, body, rtl, title_lang)


def _plot_y(fraction: float) -> float:
    fraction = min(max(fraction, 0.0), 1.0)
    return PLOT_BOTTOM - fraction * (PLOT_BOTTOM - PLOT_TOP)


def trend_chart(points: Sequence[Point], *, title: str, description: str, chart_id: str,
                held_back_text: str = "held back", rtl: bool = False,
                decimal: str = ".", title_lang: str = "") -> str:
    """One question's share by year, oldest on the left: a point for each year, a whisker
    from the low to the high end of its interval, its value written above the whisker, and
    the year written under it. ``rtl`` mirrors it: the oldest year on the right, the scale
    on the right.

    Years whose figure is held back keep their place and say so. Gridlines mark 0 %, 50 %
    and 100 %. When the years are too close for every label, the table beside the chart
    carries the figures and every other year is written.
    """
    at = _Layout(rtl, decimal)
    ordered = sorted(points, key=lambda p: p.year)
    body: list[str] = []
    for fraction in (0.0, 0.5, 1.0):
        y = _plot_y(fraction)
        x1, x2 = sorted((at.x(PLOT_LEFT), at.x(PLOT_RIGHT)))
        body.append(f'<line class="grid" x1="{_n(x1)}" y1="{_n(y)}" x2="{_n(x2)}" '
                    f'y2="{_n(y)}" stroke="{GRID}" stroke-width="1" '
                    f'data-percent="{int(fraction * 100)}"/>')
        body.append(_text(at.x(PLOT_LEFT - 8), y + 5, percent_text(fraction * 100, decimal),
                          anchor=at.anchor("right", number=True), size=13, number=True,
                          css="scale"))
    if not ordered:
        return _svg(chart_id, TREND_HEIGHT, title, description, body, rtl, title_lang)
    left, right = PLOT_LEFT + POINT_INSET, PLOT_RIGHT - POINT_INSET
    step = (right - left) / (len(ordered) - 1) if len(ordered) > 1 else 0.0
    xs = [at.x(left + i * step if len(ordered) > 1 else (left + right) / 2)
          for i in range(len(ordered))]
    crowded = len(ordered) > 1 and step < 46
    shown = [(x, p) for x, p in zip(xs, ordered, strict=True) if p.share is not None]
    if len(shown) > 1:
        path = " ".join(f"{_n(x)},{_n(_plot_y(p.share))}" for x, p in shown)
        body.append(f'<polyline class="line" points="{path}" fill="none" stroke="{BRAND}" '
                    f'stroke-width="2"/>')
    for index, (x, point) in enumerate(zip(xs, ordered, strict=True)):
        if not crowded or index % 2 == 0 or index == len(ordered) - 1:
            body.append(_text(x, TREND_HEIGHT - 12, str(point.year), anchor="middle",
                              css="year", number=True))
        if point.share is None:
            body.append(_text(x, _plot_y(0.5) - 6, held_back_text, anchor="middle", size=12,
                              css="held-back"))
            continue
        top, bottom = _plot_y(point.high), _plot_y(point.low)
        body.append(f'<line class="whisker" x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" '
                    f'y2="{_n(bottom)}" stroke="{BRAND}" stroke-width="2"/>')
        for end in (top, bottom):
            body.append(f'<line class="whisker-cap" x1="{_n(x - 6)}" y1="{_n(end)}" '
                        f'x2="{_n(x + 6)}" y2="{_n(end)}" stroke="{BRAND}" stroke-width="2"/>')
        y = _plot_y(point.share)
        body.append(f'<circle class="point" cx="{_n(x)}" cy="{_n(y)}" r="5" fill="{BRAND}" '
                    f'stroke="#ffffff" stroke-width="1.5" data-year="{point.year}"/>')
        if not crowded:
            # Above the whisker, clear of the line joining the years.
            value = point.value_text or percent_text(whole_percent(point.share), decimal)
            body.append(_text(x, top - 7, value, size=13, weight="bold", anchor="middle",
                              css="value", number=True))
    return _svg(chart_id, TREND_HEIGHT, title, description, body, rtl, title_lang)
