"""Imports say where each name comes from: no star import in hamafza/, and hamafza.policy exports
exactly the rules its concept modules declare in their `__all__`."""

import ast
import importlib
import pkgutil
from pathlib import Path

from hamafza import policy

ROOT = Path(__file__).resolve().parents[1]


def test_no_module_of_hamafza_star_imports():
    # hamafza/settings.py is imported with a star by settings modules outside hamafza/ (an idiom)
    starred = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "hamafza").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names)
    ]
    assert starred == []


def test_the_policy_package_exports_every_rule_of_every_concept_module():
    declared = []
    for info in pkgutil.iter_modules(policy.__path__):
        module = importlib.import_module(f"hamafza.policy.{info.name}")
        assert hasattr(module, "__all__"), f"hamafza.policy.{info.name} has no __all__"
        for name in module.__all__:
            assert getattr(policy, name, None) is getattr(module, name), f"policy.{name} is not {info.name}.{name}"
        declared += module.__all__
    assert sorted(policy.__all__) == sorted(declared)
