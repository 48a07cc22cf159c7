"""The coding screen's filter form (read from the address, so a filtered list can be
bookmarked and every action comes back to it), for a consultation's answers and a survey's
comments alike."""

from __future__ import annotations

from django import forms

from analysis.coded import Coded
from analysis.selectors import FLAGGED, LANGUAGES, SUGGESTED, UNCODED, AnswerFilters
from consultations.models.responses import ConsultationResponse

#: How many answers a page of the coding screen shows (the first is the default).
PAGE_SIZES = (25, 50, 100)


class AnswerFilterForm(forms.Form):
    """Theme (or uncoded, flagged, with suggestions), question (the owner's other frames,
    when it has more than one), respondent type (a survey's audience), channel (a
    consultation's only), language, search words, and answers per page. Choices are given
    by the frame's themes and what its answers hold."""

    theme = forms.ChoiceField(label="Theme", required=False)
    question = forms.ChoiceField(label="Question", required=False)
    respondent_type = forms.ChoiceField(label="Respondent", required=False)
    channel = forms.ChoiceField(label="Channel", required=False)
    language = forms.ChoiceField(label="Language", required=False,
                                 choices=[("", "Any language"),
                                          *((k, v[0]) for k, v in LANGUAGES.items())])
    q = forms.CharField(label="Search the answers", required=False, max_length=200)
    per_page = forms.TypedChoiceField(label="Per page", required=False, coerce=int,
                                      choices=[(n, str(n)) for n in PAGE_SIZES],
                                      empty_value=PAGE_SIZES[0])

    def __init__(self, data, *, themes, kind: Coded, questions: dict[str, str] | None = None,
                 current_question: str = "", respondent_types=()):
        if data is not None and current_question and not data.get("question"):
            # The select shows the frame's own question until another is chosen.
            data = data.copy()
            data["question"] = current_question
        super().__init__(data, initial={"question": current_question})
        self.fields["theme"].choices = [
            ("", "Any theme"), (UNCODED, "Not coded yet"),
            (SUGGESTED, "Not coded, with suggestions"), (FLAGGED, "Flagged for the forum"),
            *((t.code, t.name) for t in themes)]
        if questions and len(questions) > 1:
            self.fields["question"].choices = list(questions.items())
        else:
            del self.fields["question"]
        labels = kind.respondent_labels()
        types = sorted({*labels, *respondent_types})
        field = self.fields["respondent_type"]
        field.label = kind.respondent_label
        field.choices = [("", "Anyone"), *((k, labels.get(k, k)) for k in types)]
        if kind.has_channel:
            self.fields["channel"].choices = [("", "Any channel"),
                                              *ConsultationResponse.Channel.choices]
        else:
            del self.fields["channel"]
        self.fields["q"].label = f"Search the {kind.many}"

    def _cleaned(self) -> dict:
        self.is_valid()
        return getattr(self, "cleaned_data", {})

    def filters(self) -> AnswerFilters:
        """The valid filters; an invalid value is read as "any"."""
        data = self._cleaned()
        return AnswerFilters(**{name: data.get(name) or "" for name in
                                ("theme", "respondent_type", "channel", "language", "q")})

    def chosen_question(self) -> str:
        """The question chosen (another frame's question id), or "" for this frame's."""
        return self._cleaned().get("question") or ""

    def page_size(self) -> int:
        """Answers a page (``PAGE_SIZES``; the first unless another was chosen)."""
        return self._cleaned().get("per_page") or PAGE_SIZES[0]
