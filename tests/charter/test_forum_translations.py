"""Every interface string of the forum's pages and of the public record has Polish and Arabic:
the draft page, the comment, answer and decision forms, disagreement and meeting pages, the
versions list, the comparison, the record pages, and the engine's own messages and labels
(a comparison's "Title", a forum message). A reader of the compare page on /pl/ or /ar/ sees
no English interface label; English there is the record itself, marked as such.

The strings are found as ``makemessages`` finds them (Django's ``templatize`` for templates,
the gettext calls in ``charter/``), so a new string without a translation fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation.template import templatize

from tests.charter.test_public_record import second_version  # noqa: F401 (fixture)
from tests.charter.test_translated_record import translate

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates" / "charter"
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext",
           "pgettext_lazy", "npgettext", "npgettext_lazy"}
_LITERAL = r"u?'(?:[^'\\]|\\.)*'"
_CALL = re.compile(rf"\b(n?p?gettext)\(\s*({_LITERAL}(?:\s*,\s*{_LITERAL})*)")


def _template_strings(path: Path) -> set[tuple[str | None, str, str | None]]:
    """(context, singular, plural) of each string ``makemessages`` would take from a
    template."""
    found = set()
    for name, args in _CALL.findall(templatize(path.read_text(), origin=str(path))):
        literals = [ast.literal_eval(s) for s in re.findall(_LITERAL, args)]
        context = literals.pop(0) if name.startswith(("p", "np")) else None
        found.add((context, literals[0], literals[1] if name.startswith("n") else None))
    return found


def _python_strings(path: Path) -> set[tuple[str | None, str, str | None]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT):
            continue
        args = [a.value for a in node.args if isinstance(a, ast.Constant)
                and isinstance(a.value, str)]
        name = node.func.id.removesuffix("_lazy")
        if not args:
            continue
        context = args.pop(0) if name.startswith(("p", "np")) else None
        found.add((context, args[0], args[1] if name.startswith("n") and len(args) > 1
                   else None))
    return found


def interface_strings() -> set[tuple[str | None, str, str | None]]:
    strings = set()
    for path in sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.txt")):
        strings |= _template_strings(path)
    for path in sorted((ROOT / "charter").rglob("*.py")):
        if "migrations" not in path.parts:
            strings |= _python_strings(path)
    return strings


def untranslated(language: str) -> list[str]:
    missing = []
    with translation.override(language):
        for context, singular, plural in sorted(interface_strings(), key=str):
            if plural is not None:
                shown = (translation.npgettext(context, singular, plural, 1) if context
                         else translation.ngettext(singular, plural, 1))
            else:
                shown = (translation.pgettext(context, singular) if context
                         else translation.gettext(singular))
            if shown == singular:
                missing.append(singular)
    return missing


def test_the_forum_and_record_pages_have_many_interface_strings():
    # The finder finds what it should: the draft page's and the compare page's labels.
    singulars = {s for _, s, _ in interface_strings()}
    assert "The draft has changed since you opened it" in singulars
    assert "Show the changes word by word" in singulars
    assert "Title" in singulars  # the comparison's label, from charter/coproduction.py
    assert len(singulars) > 150


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_every_interface_string_of_the_forum_and_the_record_is_translated(language):
    assert untranslated(language) == []


#: Interface labels of the comparison, in English, that a Polish or Arabic reader must not see.
COMPARE_LABELS = ["Changed", "No change", "All versions", "What each version said changed",
                  "Forum comments behind this change", "Forum representative", "The council"]


def _shown(label: str, html: str) -> bool:
    """Whether ``label`` is the whole text of an element (or a label before a colon)."""
    return re.search(r">\s*" + re.escape(label) + r"\s*[<:]", html) is not None


@pytest.fixture(params=["pl", "ar"])
def translated_v1(request, tree):
    """The policy's version 1 translated into Polish or Arabic, with the words used."""
    words: dict = {}
    return request.param, translate(tree.policy, words, code=request.param), words


@pytest.mark.django_db
def test_a_translated_comparison_shows_its_labels_in_the_readers_language(
    client, translated_v1, second_version  # noqa: F811
):
    language, first, words = translated_v1
    translate(second_version, words, code=language)
    response = client.get(first.url + "compare/1/2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert first.url.startswith(f"/{language}/")
    with translation.override(language):
        ours = [translation.gettext(label) for label in COMPARE_LABELS]
    # Walking distances changed, the others did not, a forum comment led to it: every label
    # of that is on the page, in the reader's words, and none in English.
    assert [label for label in ours if not _shown(label, html)] == []
    assert [label for label in COMPARE_LABELS if _shown(label, html)] == []
