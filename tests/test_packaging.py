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


def test_packaging_ships_every_ontology_data_file():
    """Lexicon lists, patterns and mappings beside kg.ttl are package data too."""
    from fnmatch import fnmatch

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]
    missing = []
    for path in (ROOT / "ontology").rglob("*"):
        if not path.is_file() or path.name.startswith(".") or path.suffix in {".pyc"}:
            continue
        rel = path.relative_to(ROOT / "ontology").as_posix()
        sub = f"kg._ontology.{rel.split('/')[0]}"
        if "/" in rel and sub in data:  # a folder shipped as a package of its own
            ok = any(fnmatch(rel.split("/", 1)[1], pat) for pat in data[sub])
        else:
            ok = any(fnmatch(rel, pat) and rel.count("/") == pat.count("/") for pat in data["kg._ontology"])
        if not ok:
            missing.append(rel)
    assert not missing, f"add to [tool.setuptools.package-data] kg._ontology: {missing}"


def test_packaging_ships_the_data_files():
    """kg/data/*.toml (gazetteer additions, type cues) are package data of ``kg``."""
    import fnmatch

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["kg"]
    files = [p.relative_to(ROOT / "kg").as_posix() for p in (ROOT / "kg" / "data").iterdir()]
    assert files and all(any(fnmatch.fnmatch(f, g) for g in globs) for f in files), files


def test_packaging_ships_the_patterns():
    """ontology/patterns/*.jsonl are package data: an installed kg finds its construction patterns. See #10."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["package-dir"]["kg._ontology.patterns"] == "ontology/patterns"
    assert "*.jsonl" in config["tool"]["setuptools"]["package-data"]["kg._ontology.patterns"]
    assert "kg._ontology.patterns" in config["tool"]["setuptools"]["packages"]
    assert list((ROOT / "ontology" / "patterns").glob("*.jsonl"))
