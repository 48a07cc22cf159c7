"""A screen-reader user moving by headings or by landmarks: on the proposal, the survey
results and a policy, in English and Arabic, headings go down one level at a time and no two
landmarks of a kind share a name (axe-core's best-practice rules heading-order and
landmark-unique, which the WCAG tags the other browser tests run do not include)."""

import pytest

RULES = ("heading-order", "landmark-unique")
PATHS = [
    "/consultations/walking-distances-under-8/proposed/",
    "/surveys/2025/results/",
    "/policies/travel-assistance/",
]


@pytest.mark.parametrize("prefix", ["", "/ar"])
@pytest.mark.parametrize("path", PATHS)
def test_headings_step_down_one_level_and_landmark_names_are_unique(
        page, portal_url, axe_violations, prefix, path):
    response = page.goto(portal_url + prefix + path)
    assert response.status == 200
    found = [v for v in axe_violations(page, tags=["best-practice"]) if v.startswith(RULES)]
    assert found == []
