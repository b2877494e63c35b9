"""What ``pip install .`` ships: every subpackage and the ontology files (not only in editable mode)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_packaging_lists_every_subpackage():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("__init__.py")}
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"


def test_packaging_ships_the_ontology():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["package-dir"]["kg._ontology"] == "ontology"
    assert (ROOT / "ontology" / "kg.ttl").is_file()
    assert list((ROOT / "ontology" / "queries").glob("*.rq"))


def test_packaging_ships_the_patterns():
    """ontology/patterns/*.jsonl are package data: an installed kg finds its construction patterns. See #10."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["package-dir"]["kg._ontology.patterns"] == "ontology/patterns"
    assert "*.jsonl" in config["tool"]["setuptools"]["package-data"]["kg._ontology.patterns"]
    assert "kg._ontology.patterns" in config["tool"]["setuptools"]["packages"]
    assert list((ROOT / "ontology" / "patterns").glob("*.jsonl"))
