"""The SVG charts: well-formed, escaped, accessible and drawn to scale (no database)."""

import xml.etree.ElementTree as ET

import pytest

from surveys.charts import BAR_MAX, WIDTH, Bar, Point, bar_chart, percent_text, trend_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it


def _find(root, tag, css):
    return [e for e in root.iter(SVG + tag) if e.get("class") == css]


def _texts(root) -> list[str]:
    return [e.text or "" for e in root.iter(SVG + "text")]


def test_a_label_with_markup_characters_stays_text():
    label = 'Drivers <b>kind</b> & "on time"'
    svg = bar_chart([Bar(label, 50.0)], title='Title <&"', description='Desc <&"',
                    chart_id="chart-1")
    assert "<b>" not in svg
    assert "Drivers &lt;b&gt;kind&lt;/b&gt; &amp; &quot;on time&quot;" in svg
    root = _parse(svg)
    assert label in "".join(_texts(root))
    assert root.find(SVG + "title").text == 'Title <&"'
    assert root.find(SVG + "desc").text == 'Desc <&"'


def test_a_chart_is_an_image_named_by_its_title_and_description():
    root = _parse(bar_chart([Bar("Yes", 80)], title="T", description="D", chart_id="q-7"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "q-7-title q-7-desc"
    assert root.find(SVG + "title").get("id") == "q-7-title"
    assert root.find(SVG + "desc").get("id") == "q-7-desc"
    # Fits a 320 px screen: scales to its container rather than a fixed pixel width.
    assert root.get("width") == "100%" and root.get("viewBox").startswith(f"0 0 {WIDTH} ")


def test_chart_ids_are_escaped_in_attributes():
    svg = bar_chart([Bar("Yes", 80)], title="T", description="D", chart_id='x" onload="y')
    root = _parse(svg)
    assert root.get("onload") is None
    assert root.find(SVG + "title").get("id") == 'x" onload="y-title'


def test_bar_widths_are_proportional_to_the_percentages():
    bars = [Bar("Very satisfied", 41.7), Bar("Satisfied", 33.3), Bar("Neither", 25.0),
            Bar("Dissatisfied", 0.0), Bar("All", 100.0)]
    root = _parse(bar_chart(bars, title="T", description="D", chart_id="c"))
    widths = [float(r.get("width")) for r in _find(root, "rect", "bar")]
    assert widths == pytest.approx([BAR_MAX * p / 100 for p in (41.7, 33.3, 25.0, 0.0, 100.0)],
                                   abs=0.01)
    assert widths[0] / widths[2] == pytest.approx(41.7 / 25.0, rel=1e-3)
    # Each bar says its value in words beside it: nothing is told by colour alone.
    values = [e.text for e in _find(root, "text", "value")]
    assert values == ["41.7\u00a0%", "33.3\u00a0%", "25\u00a0%", "0\u00a0%", "100\u00a0%"]


def test_bars_keep_the_order_given_and_do_not_overlap():
    bars = [Bar("First", 10), Bar("A label long enough to need two lines on a narrow chart", 20),
            Bar("Third", 30)]
    root = _parse(bar_chart(bars, title="T", description="D", chart_id="c"))
    tops = [float(r.get("y")) for r in _find(root, "rect", "bar")]
    assert tops == sorted(tops)
    assert all(b - a >= 20 for a, b in zip(tops, tops[1:], strict=False))
    height = float(root.get("viewBox").split()[3])
    assert tops[-1] + 20 <= height


def test_an_empty_distribution_draws_no_bars_and_says_so():
    root = _parse(bar_chart([], title="T", description="D", chart_id="c",
                            empty_text="No answers yet."))
    assert root.get("role") == "img"
    assert _find(root, "rect", "bar") == []
    assert "No answers yet." in _texts(root)


def test_percent_text_drops_a_trailing_zero_and_keeps_the_sign_with_the_number():
    assert percent_text(75.0) == "75\u00a0%"
    assert percent_text(33.3) == "33.3\u00a0%"


def _trend():
    return [Point(2026, 0.75, 0.468, 0.911), Point(2024, 0.5, 0.25, 0.75),
            Point(2025, None)]


def test_trend_points_are_ordered_by_year():
    root = _parse(trend_chart(_trend(), title="T", description="D", chart_id="t"))
    years = [e.text for e in _find(root, "text", "year")]
    assert years == ["2024", "2025", "2026"]
    xs = [float(e.get("x")) for e in _find(root, "text", "year")]
    assert xs == sorted(xs)
    points = _find(root, "circle", "point")
    assert [p.get("data-year") for p in points] == ["2024", "2026"]
    assert float(points[0].get("cx")) < float(points[1].get("cx"))


def test_a_held_back_year_keeps_its_place_and_says_so():
    root = _parse(trend_chart(_trend(), title="T", description="D", chart_id="t",
                              held_back_text="held back"))
    assert [e.text for e in _find(root, "text", "held-back")] == ["held back"]
    assert len(_find(root, "line", "whisker")) == 2


def test_whiskers_reach_the_ends_of_each_interval():
    root = _parse(trend_chart(_trend(), title="T", description="D", chart_id="t"))
    grid = {int(g.get("data-percent")): float(g.get("y1")) for g in _find(root, "line", "grid")}
    zero, hundred = grid[0], grid[100]

    def y(fraction):
        return zero + (hundred - zero) * fraction

    whiskers = _find(root, "line", "whisker")
    points = _find(root, "circle", "point")
    for whisker, point, (low, share, high) in zip(
            whiskers, points, [(0.25, 0.5, 0.75), (0.468, 0.75, 0.911)], strict=True):
        assert float(whisker.get("y1")) == pytest.approx(y(high), abs=0.01)
        assert float(whisker.get("y2")) == pytest.approx(y(low), abs=0.01)
        assert float(point.get("cy")) == pytest.approx(y(share), abs=0.01)
        assert whisker.get("x1") == whisker.get("x2") == point.get("cx")
    caps = [float(c.get("y1")) for c in _find(root, "line", "whisker-cap")]
    assert caps == pytest.approx([y(0.75), y(0.25), y(0.911), y(0.468)], abs=0.01)


def test_trend_values_are_written_above_their_whiskers():
    root = _parse(trend_chart(_trend(), title="T", description="D", chart_id="t"))
    values = _find(root, "text", "value")
    assert [e.text for e in values] == ["50\u00a0%", "75\u00a0%"]
    for value, whisker in zip(values, _find(root, "line", "whisker"), strict=True):
        assert value.get("x") == whisker.get("x1")
        assert float(value.get("y")) < float(whisker.get("y1"))
        assert float(value.get("y")) - 13 >= 0  # inside the chart


def test_a_trend_of_many_years_still_fits_and_labels_the_last_year():
    points = [Point(2010 + i, 0.5, 0.4, 0.6) for i in range(12)]
    root = _parse(trend_chart(points, title="T", description="D", chart_id="t"))
    years = [e.text for e in _find(root, "text", "year")]
    assert years[0] == "2010" and years[-1] == "2021"
    assert all(0 <= float(c.get("cx")) <= WIDTH for c in _find(root, "circle", "point"))


def test_a_right_to_left_bar_chart_is_mirrored_and_keeps_numbers_left_to_right():
    root = _parse(bar_chart([Bar("راضٍ جدًا", 37.1)], title="t", description="d",
                            chart_id="c", rtl=True, decimal=","))
    assert root.get("direction") == "rtl"
    bar = _find(root, "rect", "bar")[0]
    assert float(bar.get("x")) + float(bar.get("width")) == pytest.approx(WIDTH)
    label = next(e for e in root.iter(SVG + "text") if e.text == "راضٍ جدًا")
    assert float(label.get("x")) <= WIDTH and label.get("text-anchor") == "start"
    value = _find(root, "text", "value")[0]
    assert value.text == "37,1\u00a0%"
    assert value.get("direction") == "ltr" and value.get("text-anchor") == "end"
    assert float(value.get("x")) == pytest.approx(WIDTH - BAR_MAX - 6)


def test_a_right_to_left_trend_has_the_oldest_year_on_the_right_and_its_scale_outside():
    points = [Point(2024, 0.5, 0.4, 0.6), Point(2025, 0.8, 0.7, 0.9)]
    root = _parse(trend_chart(points, title="t", description="d", chart_id="c", rtl=True))
    years = {e.text: float(e.get("x")) for e in _find(root, "text", "year")}
    assert years["2024"] > years["2025"]
    grid = _find(root, "line", "grid")[0]
    right_of_plot = max(float(grid.get("x1")), float(grid.get("x2")))
    for scale in _find(root, "text", "scale"):
        # Written from the right end of the gridlines outwards, clear of them.
        assert float(scale.get("x")) > right_of_plot
        assert scale.get("text-anchor") == "start" and scale.get("direction") == "ltr"


@pytest.mark.parametrize("chart", ["bar", "trend"])
def test_an_english_title_on_another_languages_page_is_marked_english_and_left_to_right(chart):
    title = "Overall, how satisfied are you with the travel help you get?"
    if chart == "bar":
        svg = bar_chart([Bar("Very satisfied", 50.0)], title=title, description="وصف",
                        chart_id="c", rtl=True, title_lang="en")
    else:
        svg = trend_chart([Point(2025, 0.4, 0.3, 0.5), Point(2026, 0.5, 0.4, 0.6)],
                          title=title, description="وصف", chart_id="c", rtl=True,
                          title_lang="en")
    element = _parse(svg).find("{http://www.w3.org/2000/svg}title")
    assert element.get("lang") == "en" and element.get("direction") == "ltr"
    assert element.text == title
    plain = bar_chart([], title="عنوان", description="وصف", chart_id="c", rtl=True)
    untagged = _parse(plain).find("{http://www.w3.org/2000/svg}title")
    assert untagged.get("lang") is None and untagged.get("direction") is None
