"""The ``ANALYSIS_METHOD`` setting is checked when the site starts."""

from django.test import override_settings

from analysis.checks import check_analysis_method, configured_method
from analysis.suggest import embeddings_available


def test_the_light_method_is_the_default_and_passes():
    assert configured_method() == "tfidf"
    assert check_analysis_method() == []


@override_settings(ANALYSIS_METHOD="gpt")
def test_an_unknown_method_is_an_error_naming_the_choices():
    [error] = check_analysis_method()
    assert error.id == "analysis.E001" and "tfidf, embeddings" in error.hint


@override_settings(ANALYSIS_METHOD="embeddings")
def test_the_embeddings_method_is_an_error_only_where_its_extra_is_missing():
    errors = check_analysis_method()
    if embeddings_available():
        assert errors == []
    else:
        assert [e.id for e in errors] == ["analysis.E002"]
