"""hamafza.newsroom.unchecked publishes with no policy and no audit: only the demo loaders, the
benchmarks and the test factories may import it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNCHECKED = "hamafza.newsroom.unchecked"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module that `path` imports (function-local imports too), relative ones resolved; for
    `from X import name` both X and X.name, since `name` may be a submodule."""
    module = _module_name(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _may_import_unchecked(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    if parts[0] == "bench" or parts == ("tests", "factories.py"):
        return True
    # the demo app, and each domain app's demo module or package (hamafza/<app>/demo.py, …/demo/)
    return parts[0] == "hamafza" and (parts[1] == "demo" or (len(parts) > 2 and parts[2].startswith("demo")))


def importers_of_unchecked() -> list[str]:
    out = []
    for top in ("hamafza", "tests"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if _module_name(path) == UNCHECKED or _may_import_unchecked(path):
                continue
            if any(m == UNCHECKED or m.startswith(UNCHECKED + ".") for m in imported_modules(path)):
                out.append(str(path.relative_to(ROOT)))
    return out


def test_only_the_demo_the_benchmarks_and_the_factories_import_the_unchecked_helpers():
    assert importers_of_unchecked() == []


def test_the_scan_sees_every_spelling_of_the_import(tmp_path, monkeypatch):
    spellings = {
        "hamafza/newsroom/admin.py": "from . import unchecked\n",
        "hamafza/newsroom/views.py": "from .unchecked import publish_item\n",
        "hamafza/workspace/news/views.py": "def f():\n    from hamafza.newsroom import unchecked\n",
        "hamafza/api/routers/news.py": "import hamafza.newsroom.unchecked as u\n",
        "hamafza/council/actions.py": "from ..newsroom.unchecked import create_item\n",
        "hamafza/council/demo.py": "from hamafza.newsroom import unchecked\n",
        "tests/portal/test_x.py": "from hamafza.newsroom.unchecked import unpublish_item\n",
    }
    for name, text in spellings.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert importers_of_unchecked() == [
        "hamafza/api/routers/news.py", "hamafza/council/actions.py", "hamafza/newsroom/admin.py",
        "hamafza/newsroom/views.py", "hamafza/workspace/news/views.py", "tests/portal/test_x.py",
    ]
