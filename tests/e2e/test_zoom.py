"""400 % zoom (WCAG 1.4.10 Reflow): a 1280 px wide window zoomed to 400 % is a viewport of
320 by about 256 CSS pixels. The results tables, the board's pages and a glossary
explanation lose nothing there and never scroll sideways, except inside a named region that
scrolls on its own (a wide table), which a keyboard user can reach."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_every_screen import WIDTHS, _links, _sign_in

ZOOMED = {"width": 320, "height": 256}

# Text a reader must be able to read, wherever it is; anything wider than the screen must be
# inside a region that scrolls on its own, is named, and takes keyboard focus.
CUT_OFF = """() => {
  const out = [];
  const inner = window.innerWidth;
  const readable = 'p, li, th, td, h1, h2, h3, dt, dd, a, caption, svg'
    .split(', ').map(tag => 'main ' + tag).join(', ');
  for (const el of document.querySelectorAll(readable)) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    if (box.left >= -1 && box.right <= inner + 1) continue;
    const region = el.closest('.portal-table-scroll');
    if (region && region.getAttribute('role') === 'region' && region.tabIndex === 0
        && (region.getAttribute('aria-label') || region.getAttribute('aria-labelledby'))) continue;
    out.push(el.tagName + ': ' + (el.textContent || '').trim().slice(0, 60)
             + ' [' + Math.round(box.left) + ', ' + Math.round(box.right) + ']');
  }
  return out;
}"""


def _check(page, what) -> list[str]:
    width, inner = page.evaluate(WIDTHS)
    problems = [f"{what}: scrolls sideways, {width} px wide at {inner} px"] if width > inner else []
    problems += [f"{what}: {p}" for p in page.evaluate(CUT_OFF)]
    return problems


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_results_tables_reflow_at_400_percent_zoom(browser, portal_url, prefix):
    context = browser.new_context(viewport=ZOOMED)
    page = context.new_page()
    page.goto(portal_url + prefix + "/surveys/2025/results/")
    assert page.locator("table").count() >= 3
    problems = _check(page, prefix + "/surveys/2025/results/")
    # Each table that is wider than the screen scrolls within its own named region, which
    # a keyboard user can scroll: it takes focus.
    region = page.locator(".portal-table-scroll").first
    region.focus()
    expect(region).to_be_focused()
    assert problems == []
    context.close()


def test_board_pages_reflow_at_400_percent_zoom(browser, portal_url):
    context = browser.new_context(viewport=ZOOMED)
    page = _sign_in(context, portal_url, "board")
    page.goto(portal_url + "/board/")
    paths = ["/board/", *_links(page, r"/board/(pages/\d+/(pack/)?|meetings/\d+/pack/)")]
    assert len(paths) > 2
    problems = []
    for path in paths:
        page.goto(portal_url + path)
        problems += _check(page, path)
    assert problems == []
    context.close()


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_a_glossary_explanation_fits_at_400_percent_zoom(browser, portal_url, prefix):
    context = browser.new_context(viewport=ZOOMED, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(portal_url + prefix + "/policies/travel-assistance/")
    term = page.locator(".portal-term").first
    term.locator("a").scroll_into_view_if_needed()
    term.locator("a").tap()
    tip = term.locator(".portal-term__tip")
    expect(tip).to_be_visible()
    tip.scroll_into_view_if_needed()
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= ZOOMED["width"], box
    # All of it can be read: no taller than the screen, so scrolling shows every line.
    assert box["height"] <= ZOOMED["height"], box
    assert _check(page, prefix + " glossary tip") == []
    context.close()
