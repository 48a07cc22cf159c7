"""How well suggested codes agree with a person's, and how long suggestions take.

For each method that is installed ("tfidf" always; "embeddings" with the optional extra), on
the hand-coded demo set (``analysis/demo/``, 309 answers coded into ten themes):

- micro and macro F1 of the suggested codes against the hand codes of the answers not yet
  confirmed, after 10 %, 25 % and 50 % of the answers were confirmed (the confirmed ones
  drawn at random, ``--repeats`` times; the mean and the lowest and highest are printed),
  and micro F1 for the English answers and for the Polish and Arabic ones apart;
- seconds to suggest for 500 and 5,000 answers (the demo set resampled with replacement, a
  quarter of them confirmed): suggested codes, and suggested themes for the uncoded ones.

Run by ``make bench``; not part of CI. Prints Markdown tables (the README's figures).

    .venv/bin/python tests/bench/analysis_bench.py [--repeats 5] [--sizes 500 5000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

from sklearn.metrics import f1_score  # noqa: E402
from sklearn.preprocessing import MultiLabelBinarizer  # noqa: E402

from analysis import demo  # noqa: E402
from analysis import suggest as s  # noqa: E402

FRACTIONS = (0.10, 0.25, 0.50)


def _predicted(suggestions) -> dict:
    found: dict = {}
    for item in suggestions:
        found.setdefault(item.answer_id, set()).add(item.theme)
    return found


def _f1(truth, predicted, ids, themes, average):
    if not ids:
        return float("nan")
    binarise = MultiLabelBinarizer(classes=themes)
    expected = binarise.fit_transform([truth[i] for i in ids])
    got = binarise.transform([predicted.get(i, set()) for i in ids])
    return f1_score(expected, got, average=average, zero_division=0)


def agreement(method: str, repeats: int) -> list[tuple]:
    """Rows of (fraction, micro F1s, macro F1s, English micro F1s, Polish+Arabic micro F1s)."""
    answers = [s.Answer(a.id, a.text, a.language) for a in demo.answers()]
    truth = {a.id: set(a.themes) for a in demo.answers()}
    language = {a.id: a.language for a in demo.answers()}
    themes = [t.code for t in demo.frame()]
    # The features of every answer do not depend on which are confirmed: made once.
    matrix = s._features(answers, method)
    rows = []
    for fraction in FRACTIONS:
        micro, macro, english, others = [], [], [], []
        for seed in range(repeats):
            ids = [a.id for a in answers]
            random.Random(seed).shuffle(ids)
            confirmed = {i: truth[i] for i in ids[: round(fraction * len(ids))]}
            predicted = _predicted(s.suggest_codes(answers, confirmed, themes, method=method,
                                                   features=lambda _answers: matrix))
            rest = [i for i in ids if i not in confirmed]
            micro.append(_f1(truth, predicted, rest, themes, "micro"))
            macro.append(_f1(truth, predicted, rest, themes, "macro"))
            english.append(_f1(truth, predicted, [i for i in rest if language[i] == "en"],
                               themes, "micro"))
            others.append(_f1(truth, predicted, [i for i in rest if language[i] != "en"],
                              themes, "micro"))
        rows.append((fraction, micro, macro, english, others))
    return rows


def timing(method: str, size: int) -> tuple[float, float]:
    """Seconds for suggested codes (a quarter confirmed) and suggested themes (the rest)."""
    pool = demo.answers()
    pick = random.Random(size)
    chosen = [pick.choice(pool) for _ in range(size)]
    answers = [s.Answer(f"r{n}", a.text, a.language) for n, a in enumerate(chosen)]
    confirmed = {f"r{n}": set(a.themes) for n, a in enumerate(chosen[: size // 4])}
    themes = [t.code for t in demo.frame()]
    started = time.perf_counter()
    s.suggest_codes(answers, confirmed, themes, method=method)
    codes = time.perf_counter() - started
    started = time.perf_counter()
    s.suggest_themes([a for a in answers if a.id not in confirmed], method=method)
    return codes, time.perf_counter() - started


def _shown(values) -> str:
    return f"{statistics.mean(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 5000])
    parser.add_argument("--methods", nargs="*", default=list(s.METHODS))
    options = parser.parse_args()
    answers = demo.answers()
    print(f"Demo set: {len(answers)} answers, {len(demo.frame())} themes; "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}.\n")
    for method in options.methods:
        if method == "embeddings" and not s.embeddings_available():
            print("embeddings: not installed (pip install '.[embeddings]'); skipped.\n")
            continue
        print(f"### {method}\n")
        print("| confirmed | micro F1 | macro F1 | micro F1, English | micro F1, Polish "
              "and Arabic |")
        print("|---|---|---|---|---|")
        for fraction, micro, macro, english, others in agreement(method, options.repeats):
            print(f"| {fraction:.0%} | {_shown(micro)} | {_shown(macro)} | {_shown(english)} "
                  f"| {_shown(others)} |", flush=True)
        print("\n| answers | suggested codes (s) | suggested themes (s) |")
        print("|---|---|---|")
        for size in options.sizes:
            codes, themes = timing(method, size)
            print(f"| {size:,} | {codes:.1f} | {themes:.1f} |", flush=True)
        print()


if __name__ == "__main__":
    main()
