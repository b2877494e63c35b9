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


def test_packaging_ships_the_view_assets():
    """The page template, style and scripts of kg.views are package data, matched by a glob."""
    from fnmatch import fnmatch

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["kg.views"]
    assets = [p.name for p in (ROOT / "kg" / "views").iterdir() if p.suffix in (".html", ".css", ".js")]
    assert {"template.html", "view.css", "graph.js", "panel.js", "tools.js"} <= set(assets)
    assert all(any(fnmatch(name, g) for g in globs) for name in assets)
