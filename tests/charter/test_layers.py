"""Layers run one way: plain rules -> ``core`` (what every app shares, knowing Django but not
Wagtail) -> ``charter`` (the co-production engine) -> the page apps (``portal``,
``consultations``, ``surveys``, ``eligibility``). The engine imports no page app, ``core``
imports no app of the project, and no module hides a circle behind an import inside a
function.

These tests read the source (``ast``), so they touch no database and run in a moment.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE_APPS = ("portal", "consultations", "surveys", "eligibility", "notices", "analysis")
APPS = ("core", "charter", *PAGE_APPS, "accounts", "outbox", "exports")



def _sources(app: str):
    """Each module of ``app`` with its parsed source. Migrations are left out: they record
    where a class lived when they were applied, and a landed migration is never edited."""
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.relative_to(ROOT / app).parts:
            continue
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(), str(path))


def _module_name(node: ast.ImportFrom, path: str) -> str:
    """The absolute module an ``ImportFrom`` names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    package = path.removesuffix(".py").split("/")[: -node.level]
    return ".".join(package + ([node.module] if node.module else []))


def _imports(tree: ast.AST, path: str):
    """(module, line, inside a function, enclosing function's name) for every import."""
    found = []

    def walk(node, function):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef,
                                                      ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.Import):
                found.extend((a.name, child.lineno, function) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                module = _module_name(child, path)
                found.append((module, child.lineno, function))
                # ``from portal import models`` names the module ``portal.models``.
                found.extend((f"{module}.{a.name}", child.lineno, function)
                             for a in child.names)
            walk(child, inner)

    walk(tree, None)
    return found


def _is_under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_engine_imports_no_page_app():
    wrong = [f"{path}:{line} imports {module}"
             for path, tree in _sources("charter")
             for module, line, _ in _imports(tree, path)
             if any(_is_under(module, app) for app in PAGE_APPS)]
    assert wrong == [], "charter/ must not import the page apps:\n" + "\n".join(wrong)


def test_exports_import_no_page_app():
    """The export jobs serve consultations and surveys alike; each registers what it
    exports (``exports.kinds``), and ``exports`` imports none of them."""
    wrong = [f"{path}:{line} imports {module}"
             for path, tree in _sources("exports")
             for module, line, _ in _imports(tree, path)
             if any(_is_under(module, app) for app in PAGE_APPS)]
    assert wrong == [], "exports/ must not import the page apps:\n" + "\n".join(wrong)


def test_core_imports_no_wagtail_and_no_app_of_the_project():
    wrong = [f"{path}:{line} imports {module}"
             for path, tree in _sources("core")
             for module, line, _ in _imports(tree, path)
             if module.split(".")[0] == "wagtail"
             or any(_is_under(module, app) for app in APPS if app != "core")]
    assert wrong == [], "core/ took on a dependency:\n" + "\n".join(wrong)


def test_no_import_of_the_project_hides_inside_a_function():
    wrong = []
    for app in APPS:
        for path, tree in _sources(app):
            if "/migrations/" in path:
                continue
            for module, line, function in _imports(tree, path):
                if function is None or module.split(".")[0] not in APPS:
                    continue
                # Django's documented place to connect an app's signals.
                if path.endswith("/apps.py") and function == "ready":
                    continue
                wrong.append(f"{path}:{line} imports {module} inside {function}()")
    assert wrong == [], "imports inside functions:\n" + "\n".join(sorted(set(wrong)))


def test_the_engine_finds_what_page_apps_offer_through_its_hooks():
    from charter import calendars, hooks

    names = {hooks.READABILITY_PANEL_HOOK, hooks.READING_AGE_HOOK, hooks.COMPARE_FINDINGS_HOOK,
             hooks.BOARD_SECTIONS_HOOK, hooks.FORUM_DRAFT_HOOK, calendars.SCHOOL_CALENDARS_HOOK,
             hooks.GLOSSARY_TERMS_HOOK}
    from wagtail import hooks as wagtail_hooks

    # Each is answered once the page apps' wagtail_hooks modules are loaded (as in a site).
    assert all(wagtail_hooks.get_hooks(name) for name in names)


#: Modules a page class imports (directly or through its panels and routes) that read or
#: write what the page shows: none may import the page classes, or the ``models`` package
#: they are defined in, or loading ``models`` would need them before they exist.
PAGE_READERS = {
    "charter": ["charter/selectors.py", "charter/coproduction.py", "charter/panels.py"],
    "consultations": ["consultations/selectors.py", "consultations/services.py",
                      "consultations/windows.py", "consultations/panels.py",
                      "consultations/views/public.py", "consultations/forms.py"],
    "portal": ["portal/selectors.py"],
    "surveys": ["surveys/selectors.py", "surveys/services.py", "surveys/results.py",
                "surveys/panels.py", "surveys/forms.py", "surveys/views/public.py",
                "surveys/views/results.py"],
}


def _runtime_imports(tree: ast.Module, path: str):
    """Module-level imports, leaving out those under ``if TYPE_CHECKING:`` (type hints)."""
    body = [node for node in tree.body
            if not (isinstance(node, ast.If) and isinstance(node.test, ast.Name)
                    and node.test.id == "TYPE_CHECKING")]
    return _imports(ast.Module(body=body, type_ignores=[]), path)


#: The modules of each app's ``models`` package that define page classes.
PAGE_MODULES = {"charter": ["pages"], "consultations": ["pages"], "surveys": ["pages"],
                "portal": ["faqs", "glossary", "home", "policies", "updates"]}


@pytest.mark.parametrize("app", sorted(PAGE_READERS))
def test_the_readers_of_page_classes_import_no_page_class(app):
    """``from app.models import X`` names ``app.models``; ``from app.models.pages import``
    names ``app.models.pages``: both would need the page classes before they exist."""
    sources = dict(_sources(app))
    wrong = [f"{path}:{line} imports {module}"
             for path in PAGE_READERS[app]
             for module, line, _ in _runtime_imports(sources[path], path)
             if module == f"{app}.models"
             or any(_is_under(module, f"{app}.models.{name}") for name in PAGE_MODULES[app])]
    assert wrong == [], "\n".join(wrong)


def test_the_engine_loads_before_the_page_apps():
    """The engine's models load before the page types built on them (``charter.coproduction``
    reads the record through ``charter.selectors``, which needs ``charter.models`` loaded)."""
    from django.conf import settings

    apps = list(settings.INSTALLED_APPS)
    assert all(apps.index("charter") < apps.index(app) for app in PAGE_APPS)
