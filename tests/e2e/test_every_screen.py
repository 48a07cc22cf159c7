"""Every screen, every language: a parent on a 320 px phone in English or Arabic finds urgent
help and can call it, reads a glossary explanation with a tap, never scrolls sideways, and
reads survey charts whose every label is inside the chart; axe finds nothing on any of it,
the board pack included."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in_on

PHONE = {"width": 320, "height": 640}

PUBLIC_PATHS = [
    "/",
    "/policies/",
    "/policies/travel-assistance/",
    "/policies/travel-assistance/versions/",
    "/policies/travel-assistance/compare/1/2/",
    "/policies/appeals-and-complaints/",
    "/faq/",
    "/jargon-buster/",
    "/news/",
    "/news/spring-bus-passes/",
    "/consultations/",
    "/consultations/walking-distances-under-8/",
    "/consultations/walking-distances-under-8/proposed/",
    "/consultations/young-children-walking-first-views/",
    "/surveys/",
    "/surveys/2026/",
    "/surveys/2025/results/",
    "/co-production-charter/",
    "/co-production-charter/working-agreement/",
    "/co-production-charter/versions/",
    "/search/?q=taxi+late",
    "/search/?q=apeal",
    "/record/",
    "/notices/subscribe/",
    "/sign-in/",
    "/no-such-page/",
]

WIDTHS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def _sign_in(context, portal_url, username):
    page = context.new_page()
    sign_in_on(page, portal_url, username)
    return page


def _fits(page, what):
    width, inner = page.evaluate(WIDTHS)
    assert width <= inner, f"{what} scrolls sideways: {width} px wide at {inner} px"


@pytest.mark.parametrize("prefix", ["", "/ar"])
@pytest.mark.parametrize("path", ["/", "/policies/travel-assistance/", "/faq/"])
def test_urgent_help_is_visible_without_scrolling_and_callable(browser, portal_url, prefix,
                                                               path):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(portal_url + prefix + path)
    urgent = page.locator(".portal-urgent")
    expect(urgent).to_be_visible()
    phone = urgent.locator('a[href^="tel:"]')
    expect(phone).to_have_attribute("href", "tel:+441234567890")
    box = phone.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert box["height"] >= 24  # a target a thumb can hit (WCAG 2.5.8)
    heading = "Transport not turned up?" if not prefix else "لم تصل المواصلات؟"
    expect(urgent).to_contain_text(heading)
    context.close()


def test_the_faq_answer_about_transport_not_turning_up_has_a_number_to_tap(page, portal_url):
    page.goto(portal_url + "/faq/")
    page.locator("summary", has_text="What should I do if transport does not turn up?").click()
    answer = page.locator("details[open] .govuk-details__text")
    expect(answer.locator('a[href="tel:+441234567890"]')).to_be_visible()


@pytest.mark.parametrize(("prefix", "width"), [("", 320), ("", 375), ("/ar", 320)])
def test_a_tap_on_a_glossary_term_shows_its_explanation_inside_the_screen(browser, portal_url,
                                                                          prefix, width):
    # In Arabic the jargon buster's Arabic terms explain the Arabic policy, tips opening
    # from the right.
    context = browser.new_context(viewport={"width": width, "height": 700}, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    page.goto(portal_url + prefix + "/policies/travel-assistance/")
    terms = page.locator(".portal-term")
    assert terms.count() >= 3
    for index in range(terms.count()):
        term = terms.nth(index)
        tip = term.locator(".portal-term__tip")
        term.locator("a").scroll_into_view_if_needed()
        term.locator("a").tap()
        expect(tip).to_be_visible()
        expect(page).to_have_url(re.compile(prefix + r"/policies/travel-assistance/$"))
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (index, box)
        _fits(page, f"the tip of term {index}")
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()
    # A second tap on an open term follows its link to the jargon buster.
    first = terms.first.locator("a")
    first.tap()
    first.tap()
    expect(page).to_have_url(re.compile(r"/jargon-buster/#[a-z0-9-]+$"))
    context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_a_glossary_explanation_on_keyboard_focus_fits_the_screen(browser, portal_url, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    page.goto(portal_url + "/faq/")
    page.locator("details").evaluate_all("els => els.forEach(d => d.open = true)")
    terms = page.locator(".portal-term")
    assert terms.count() >= 1
    for index in range(terms.count()):
        link = terms.nth(index).locator("a")
        link.focus()
        tip = terms.nth(index).locator(".portal-term__tip")
        expect(tip).to_be_visible()
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (index, box)
        _fits(page, f"the tip of FAQ term {index}")
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()
    context.close()


def test_a_glossary_explanation_opens_on_hover(browser, portal_url):
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.goto(portal_url + "/policies/travel-assistance/")
    term = page.locator(".portal-term").first
    term.locator("a").hover()
    expect(term.locator(".portal-term__tip")).to_be_visible()
    context.close()


def test_without_javascript_a_glossary_term_is_a_link_to_its_entry(browser, portal_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(portal_url + "/policies/travel-assistance/")
    link = page.locator(".portal-term a").first
    expect(link).to_have_attribute("href", re.compile(r"/jargon-buster/#[a-z0-9-]+$"))
    link.click()
    expect(page).to_have_url(re.compile(r"/jargon-buster/#[a-z0-9-]+$"))
    context.close()


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_no_public_page_scrolls_sideways_at_320px_and_axe_finds_nothing(
        browser, portal_url, axe_violations, prefix):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = []
    for path in PUBLIC_PATHS:
        page.goto(portal_url + prefix + path)
        width, inner = page.evaluate(WIDTHS)
        if width > inner:
            problems.append(f"{prefix}{path}: {width} px wide")
        problems += [f"{prefix}{path}: {v}" for v in axe_violations(page)]
    assert problems == []
    context.close()


@pytest.mark.parametrize("prefix", ["", "/pl", "/ar"])
def test_the_published_findings_fit_320px_each_quote_in_its_language_and_axe_finds_nothing(
        browser, portal_url, axe_violations, prefix):
    # The demo's finished consultation links its findings from its outcome.
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{portal_url}{prefix}/consultations/young-children-walking-first-views/")
    page.locator("a[href*='/consultations/findings/']").first.click()
    expect(page).to_have_url(re.compile(rf"{prefix}/consultations/findings/\d+/$"))
    # Each line marked with its own language has the direction that language is written in.
    marks = page.locator("section.portal-section span[lang]").evaluate_all(
        "els => els.map(e => [e.lang, e.dir])")
    assert all(d == ("rtl" if lang == "ar" else "ltr") for lang, d in marks), marks
    width, inner = page.evaluate(WIDTHS)
    assert width <= inner, f"{width} px wide"
    assert axe_violations(page) == []
    # Back to the consultation, in the reader's language.
    page.locator("h1 a").click()
    expect(page).to_have_url(re.compile(
        rf"{portal_url}{prefix}/consultations/young-children-walking-first-views/$"))
    context.close()


def _links(page, pattern):
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    return sorted({h.split("#")[0] for h in hrefs if re.fullmatch(pattern, h.split("#")[0])})


@pytest.mark.parametrize("username,start,pattern", [
    ("forumrep", "/forum/", r"/forum/(drafts|disagreements)/\d+/"),
    ("board", "/board/", r"/board/(pages/\d+/(pack/)?|meetings/\d+/pack/|analysis/)"),
])
def test_forum_and_board_pages_fit_320px_and_axe_finds_nothing(browser, portal_url,
                                                              axe_violations, username, start,
                                                              pattern):
    context = browser.new_context(viewport=PHONE)
    page = _sign_in(context, portal_url, username)
    page.goto(portal_url + start)
    paths = [start, *_links(page, pattern)]
    if username == "board":
        assert any("/meetings/" in p for p in paths), "no board meeting pack to check"
        assert "/board/analysis/" in paths, "the board's analysis page is not linked"
    problems = []
    for path in paths:
        page.goto(portal_url + path)
        width, inner = page.evaluate(WIDTHS)
        if width > inner:
            problems.append(f"{path}: {width} px wide")
        problems += [f"{path}: {v}" for v in axe_violations(page)]
        # Its many scrolling tables each have a name of their own (axe's best practice).
        problems += [f"{path}: {v}" for v in axe_violations(page, tags=["best-practice"])
                     if v.startswith("landmark-unique")]
    assert problems == []
    context.close()


def test_the_board_pack_has_no_accessibility_violations_on_a_desk(browser, portal_url,
                                                                axe_violations):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = _sign_in(context, portal_url, "board")
    page.goto(portal_url + "/board/")
    packs = _links(page, r"/board/meetings/\d+/pack/")
    assert packs
    for path in packs + _links(page, r"/board/pages/\d+/")[:1]:
        page.goto(portal_url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert axe_violations(page) == [], path
    context.close()


CHART_LABELS_OUTSIDE = """svg => {
  const box = svg.getBoundingClientRect();
  const out = [];
  for (const text of svg.querySelectorAll('text')) {
    const r = text.getBoundingClientRect();
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 ||
        r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) out.push(text.textContent);
  }
  return out;
}"""

SCALE_OVER_LINES = """svg => {
  const clash = [];
  const lines = [...svg.querySelectorAll('line.grid, line.whisker, polyline.line')]
    .map(l => l.getBoundingClientRect());
  for (const text of svg.querySelectorAll('text.scale')) {
    const r = text.getBoundingClientRect();
    for (const l of lines) {
      if (r.left < l.right - 0.5 && r.right > l.left + 0.5 &&
          r.top < l.bottom && r.bottom > l.top) clash.push(text.textContent);
    }
  }
  return clash;
}"""


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_results_charts_keep_every_label_inside_and_mirror_in_arabic(browser, portal_url,
                                                                     prefix):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(portal_url + prefix + "/surveys/2025/results/")
    charts = page.locator(".portal-chart svg")
    assert charts.count() >= 2
    for index in range(charts.count()):
        svg = charts.nth(index)
        svg.scroll_into_view_if_needed()
        assert svg.evaluate(CHART_LABELS_OUTSIDE) == [], index
        assert svg.evaluate(SCALE_OVER_LINES) == [], index
        assert svg.get_attribute("direction") == ("rtl" if prefix else "ltr")
    # Mirrored: in Arabic a bar starts at the chart's right edge.
    bar = page.locator(".portal-chart svg rect.bar").first
    svg_box = page.locator(".portal-chart svg").first.bounding_box()
    bar_box = bar.bounding_box()
    if prefix:
        assert abs(bar_box["x"] + bar_box["width"] - (svg_box["x"] + svg_box["width"])) < 1
    else:
        assert abs(bar_box["x"] - svg_box["x"]) < 1
    _fits(page, "the results page")
    context.close()
