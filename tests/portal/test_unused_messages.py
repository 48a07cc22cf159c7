"""The Polish and Arabic message files hold only sentences the portal still says: a sentence
the code no longer uses (an old refusal, a reworded label) is not kept, where a translator
would keep it up to date for nothing, or a reader could be shown it by a stray match."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[2]
#: The message files checked: the portal's own, and the notices' and the outbox's.
CHECKED = ["portal", "notices", "outbox"]
#: A Python string literal as ``templatize`` writes it, in either quotes.
_LITERAL = r"(?:u?'(?:[^'\\]|\\.)*'" + "|" + r'u?"(?:[^"\\]|\\.)*")'
_ANY_CALL = re.compile(rf"\b(?:n?p?gettext|_)\(\s*({_LITERAL}(?:\s*,\s*{_LITERAL})*)")


def _sources() -> list[Path]:
    skip = {"tests", "node_modules", ".venv", "migrations", "var"}
    return [path for path in ROOT.rglob("*")
            if path.suffix in {".py", ".html", ".txt"} and path.is_file()
            and not skip.intersection(path.relative_to(ROOT).parts)]


def _said() -> set[str]:
    """Every string the code could hand to gettext: each string constant of the Python
    (however it is called) and each string ``makemessages`` takes from a template."""
    said: set[str] = set()
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            said |= {node.value for node in ast.walk(ast.parse(text))
                     if isinstance(node, ast.Constant) and isinstance(node.value, str)}
        elif "templates" in path.parts:
            for args in _ANY_CALL.findall(templatize(text, origin=str(path))):
                said |= {ast.literal_eval(s) for s in re.findall(_LITERAL, args)}
    return said


@pytest.fixture(scope="module")
def said():
    return _said()


@pytest.mark.parametrize("language", ["pl", "ar"])
@pytest.mark.parametrize("app", CHECKED)
def test_every_message_in_the_files_is_one_the_portal_still_says(app, language, said):
    path = ROOT / app / "locale" / language / "LC_MESSAGES" / "django.po"
    unused = [entry.msgid for entry in polib.pofile(str(path))
              if entry.msgid and not entry.obsolete and entry.msgid not in said]
    assert unused == []


def test_the_old_refusal_sentence_is_gone_from_every_file():
    for path in ROOT.glob("*/locale/*/LC_MESSAGES/django.po"):
        assert "different role on the portal" not in " ".join(path.read_text().split())
