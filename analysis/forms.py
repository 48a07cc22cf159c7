"""The coding screen's filter form (read from the address, so a filtered list can be
bookmarked and every action comes back to it)."""

from __future__ import annotations

from django import forms

from analysis.selectors import FLAGGED, LANGUAGES, SUGGESTED, UNCODED, AnswerFilters
from consultations.forms import ResponseForm
from consultations.models.responses import ConsultationResponse

RESPONDENT_LABELS = dict(ResponseForm.RESPONDENT_TYPES)


class AnswerFilterForm(forms.Form):
    """Theme (or uncoded, flagged, with suggestions), respondent type, channel, language
    and search words. Choices are given by the frame's themes and what its answers hold."""

    theme = forms.ChoiceField(label="Theme", required=False)
    respondent_type = forms.ChoiceField(label="Respondent", required=False)
    channel = forms.ChoiceField(label="Channel", required=False)
    language = forms.ChoiceField(label="Language", required=False,
                                 choices=[("", "Any language"),
                                          *((k, v[0]) for k, v in LANGUAGES.items())])
    q = forms.CharField(label="Search the answers", required=False, max_length=200)

    def __init__(self, data, *, themes, respondent_types=(), channels=()):
        super().__init__(data)
        self.fields["theme"].choices = [
            ("", "Any theme"), (UNCODED, "Not coded yet"),
            (SUGGESTED, "Not coded, with suggestions"), (FLAGGED, "Flagged for the forum"),
            *((t.code, t.name) for t in themes)]
        types = sorted({*RESPONDENT_LABELS, *respondent_types})
        self.fields["respondent_type"].choices = [
            ("", "Anyone"), *((k, str(RESPONDENT_LABELS.get(k, k))) for k in types)]
        self.fields["channel"].choices = [("", "Any channel"),
                                          *ConsultationResponse.Channel.choices]

    def filters(self) -> AnswerFilters:
        """The valid filters; an invalid value is read as "any"."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return AnswerFilters(**{name: data.get(name) or "" for name in
                                ("theme", "respondent_type", "channel", "language", "q")})
