"""The ``kg`` command through click's runner: exit codes, messages and effects."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def graph_ttl(sample_build) -> Path:
    return sample_build.out_dir / "graph.ttl"


def test_cli_build_writes_outputs_and_reports(runner, tmp_path):
    out = tmp_path / "out"
    r = runner.invoke(cli, ["build", str(SAMPLES / "000_6adcf7dded68f096.txt"), str(SAMPLES / "004_1135b3a4308fe0a1.txt"), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert f"open {out / 'graph.html'}" in r.stdout
    assert "2 documents read, 0 skipped" in r.stderr
    rows = list(csv.DictReader((out / "triples.csv").open(encoding="utf-8")))
    assert any(row["predicate"] == "meets" and row["object"] == "Talatbek Masadikov" for row in rows)


def test_cli_build_reports_skipped_inputs(runner, tmp_path):
    (tmp_path / "ok.txt").write_text("Olaf Scholz visited Warsaw on Tuesday.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "nul.html").write_bytes(b"\x00" * 64)
    r = runner.invoke(cli, ["build", str(tmp_path / "ok.txt"), str(tmp_path / "empty.txt"), str(tmp_path / "nul.html"),
                            str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    skipped_lines = [line for line in r.stderr.splitlines() if line.startswith("kg: skipped ")]
    assert len(skipped_lines) == 3
    assert any("empty.txt: empty file" in line for line in skipped_lines)
    assert any("nul.html" in line and "binary" in line for line in skipped_lines)
    assert any("missing.txt" in line and "no such file" in line for line in skipped_lines)
    assert "1 documents read, 3 skipped" in r.stderr


def test_cli_build_nothing_to_build_exits_1(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    r = runner.invoke(cli, ["build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out")])
    assert r.exit_code == 1
    assert "Error: nothing to build" in r.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_cli_build_unknown_model_is_a_clear_error(runner, tmp_path):
    r = runner.invoke(cli, ["build", str(SAMPLES), "--model", "xx_no_such_model", "--out", str(tmp_path / "o")])
    assert r.exit_code == 1
    assert "cannot load spaCy pipeline 'xx_no_such_model'" in r.stderr


def test_cli_query_saved_query_table(runner, graph_ttl):
    r = runner.invoke(cli, ["query", str(graph_ttl), "-f", "who-met-whom"])
    assert r.exit_code == 0, r.output
    assert "Talatbek Masadikov" in r.stdout and "Sergey Lavrov" in r.stdout
    assert r.stdout.rstrip().endswith("rows)")


def test_cli_query_param_and_csv(runner, graph_ttl):
    r = runner.invoke(cli, ["query", str(graph_ttl), "-f", "members", "-p", "name=CSTO", "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(r.stdout.splitlines()))
    assert {row["member"] for row in rows} >= {"Russia", "Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Tajikistan"}
    assert {row["organization"] for row in rows} == {"CSTO"}


def test_cli_query_inline_sparql_json(runner, graph_ttl):
    r = runner.invoke(cli, ["query", str(graph_ttl), "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Person }", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert int(data["results"]["bindings"][0]["n"]["value"]) >= 8


def test_cli_query_file(runner, graph_ttl, tmp_path):
    q = tmp_path / "q.rq"
    q.write_text("ASK { ?c a kg:Country ; rdfs:label \"Russia\" }", encoding="utf-8")
    r = runner.invoke(cli, ["query", str(graph_ttl), "-f", str(q)])
    assert r.exit_code == 0 and r.stdout == "true\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT WHERE {"], "query failed"),
        (["-f", "no-such-query"], "no such query file or saved query"),
        ([], "give either a SPARQL string or -f"),
    ],
)
def test_cli_query_errors(runner, graph_ttl, args, message):
    r = runner.invoke(cli, ["query", str(graph_ttl), *args])
    assert r.exit_code in (1, 2)
    assert message in r.stderr


def test_cli_query_missing_or_broken_graph(runner, tmp_path):
    r = runner.invoke(cli, ["query", str(tmp_path / "nope.ttl"), "ASK {}"])
    assert r.exit_code == 1 and "no such graph file" in r.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<", encoding="utf-8")
    r = runner.invoke(cli, ["query", str(bad), "ASK {}"])
    assert r.exit_code == 1 and f"{bad}: cannot parse the graph" in r.stderr


def test_cli_query_list(runner):
    r = runner.invoke(cli, ["query", "unused", "--list"])
    assert r.exit_code == 0
    assert "who-met-whom" in r.stdout and "members" in r.stdout and "about" in r.stdout


def test_cli_view_focus(runner, graph_ttl, tmp_path):
    out = tmp_path / "lavrov.html"
    r = runner.invoke(cli, ["view", str(graph_ttl), "--focus", "Lavrov", "--hops", "1", "-o", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert "Talatbek Masadikov" in html and "Sergey Lavrov" in html
    assert "Kam Air" not in html


def test_cli_view_unknown_entity(runner, graph_ttl, tmp_path):
    r = runner.invoke(cli, ["view", str(graph_ttl), "--focus", "Lavrof", "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 1 and "no entity named 'Lavrof'" in r.stderr


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "graphml", "gexf", "entities", "triples", "html"])
def test_cli_export_formats(runner, graph_ttl, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt}"
    r = runner.invoke(cli, ["export", str(graph_ttl), "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.stat().st_size > 100


def test_cli_export_neo4j_folder(runner, graph_ttl, tmp_path):
    r = runner.invoke(cli, ["export", str(graph_ttl), "--format", "neo4j", "-o", str(tmp_path / "neo")])
    assert r.exit_code == 0, r.output
    assert {p.name for p in (tmp_path / "neo").iterdir()} == {"nodes.csv", "relationships.csv", "import.cypher"}


def test_cli_export_unknown_format(runner, graph_ttl):
    r = runner.invoke(cli, ["export", str(graph_ttl), "--format", "pdf"])
    assert r.exit_code == 1 and "unknown format 'pdf'" in r.stderr


def test_cli_every_command_has_help_and_example(runner):
    r = runner.invoke(cli, ["--help"])
    assert r.exit_code == 0
    for name, command in cli.commands.items():
        r = runner.invoke(cli, [name, "-h"])
        assert r.exit_code == 0, name
        assert "Example: kg " in r.stdout, name
        for param in command.params:
            if getattr(param, "help", None) is None and param.param_type_name == "option" and param.name != "help":
                pytest.fail(f"kg {name} {param.opts} has no help")


def test_cli_version(runner):
    r = runner.invoke(cli, ["--version"])
    assert r.exit_code == 0 and kg.__version__ in r.stdout


def test_cli_import_does_not_load_spacy():
    """`kg query/view/export` must start fast: importing the CLI never imports spaCy."""
    code = "import sys, kg.cli, kg.query, kg.project, kg.views, kg.export; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cli_python_dash_m(tmp_path):
    out = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, check=True)
    assert kg.__version__ in out.stdout


def test_api_exports_are_pinned():
    assert sorted(kg.__all__) == sorted([
        "__version__", "build", "build_graph", "write_outputs", "BuildResult", "load", "query", "QueryResult",
        "format_result", "project", "KGError", "InputError", "ModelError", "OntologyError", "QueryError", "ExportError",
    ])
    for name in kg.__all__:
        assert hasattr(kg, name), name
