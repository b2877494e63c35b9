"""CoNLL04: kg's extraction on news sentences, scored on the five CoNLL04 relation types.

Each sentence of a split is one document: its tokens are joined back into text, parsed by kg's
spaCy pipeline and read by :func:`kg.extract.extract`, exactly as a build reads an article.
The mentions of all sentences are resolved together (:class:`kg.resolve.Resolver`) to give each
argument its class (Person, Organization, City, ...). Every assertion that is not negated is
mapped to a CoNLL04 type by ``ontology/mappings/conll04.tsv`` (a table kept with the ontology,
not in this script) and written in the scorer's system format, its arguments as the words of
the sentence (a pronoun as the name it stands for in that sentence). Then
``../shared/tools/conll04_score.py`` scores it, and its last line is printed.

The split's gold relations are never read to predict: only ``tokens`` and ``orig_id`` are.
``--split`` takes any file of that format (the test split included).

Usage::

    python benchmarks/conll04.py [--split PATH] [--out FILE] [--errors N]

``--errors N`` prints up to N false positives and misses after scoring (train and dev only:
reading a split's gold for error analysis is tuning on it).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SPLIT = SHARED / "benchmarks" / "conll04" / "conll04_dev.json"
SCORER = SHARED / "tools" / "conll04_score.py"
MAPPING = ROOT / "ontology" / "mappings" / "conll04.tsv"
SPANS = ROOT / "ontology" / "mappings" / "conll04_spans.tsv"

_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "it", "its", "they", "them", "their"}


def detokenize(tokens: list[str]) -> str:
    """The sentence as text: PTB quotes back to '"', no space before punctuation or clitics, nor
    inside a name split at its apostrophe ("O 'Brien")."""
    text = " ".join(tokens)
    text = re.sub(r"` `|``|' '|''", '"', text)
    text = re.sub(r" ([,.;:?!%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" ('s|'t|'re|'d|'ll|'ve|'m|n't)\b", r"\1", text)
    text = re.sub(r"\b([A-Z][a-z]?) '([A-Za-z])", r"\1'\2", text)  # "O 'Brien", "Sha 'th": one name
    return text


def read_mapping(path: Path = MAPPING) -> list[tuple[str, str, str, str]]:
    """Rows ``(predicate, subject class, object class, type)`` of the mapping table."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pred, subj, obj, typ = line.split("\t")
            rows.append((pred, subj, obj, typ))
    return rows


def superclasses() -> dict[str, set[str]]:
    """Each kg class with every class above it (itself included), from kg.ttl."""
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF, RDFS

    from kg.ontology import ontology_file
    from kg.vocab import KG_NS

    g = Graph().parse(ontology_file("kg.ttl"), format="turtle")
    local = {c: str(c)[len(KG_NS):] for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(KG_NS)}
    out = {}
    for c, name in local.items():
        out[name] = {local[x] for x in g.transitive_objects(c, RDFS.subClassOf) if x in local}
    return out


def read_spans(path: Path = SPANS) -> dict[str, tuple[str, str, set[str]]]:
    """The span conventions table: convention -> (``Type:argument`` or ``*``, predicate or ``*``, words)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, where, pred, words = (line.split("\t") + [""])[:4]
            out[name] = (where, pred, set(words.split()))
    return out


def _applies(conv: tuple[str, str, set[str]] | None, typ: str, arg: str, pred: str) -> bool:
    """Whether a convention row applies to argument ``arg`` ("head", "tail", or "*": either) of a fact."""
    if conv is None:
        return False
    where, p, _ = conv
    return (where == "*" or where in (f"{typ}:{arg}", f"{typ}:*") or arg == "*" and where.startswith(f"{typ}:")) and p in ("*", pred)


def _inside_word(text: str, m) -> bool:
    """The mention is part of a hyphenated word ("Utah" in "R-Utah", "Frankfurt" in "Frankfurt-based")."""
    return (m.start > 0 and text[m.start - 1] == "-") or (m.end < len(text) and text[m.end] == "-")


def _is_demonym(name: str) -> bool:
    """"Spanish", "Mongolian": a people's adjective the gazetteer knows, not a country's name."""
    from kg.places import country

    return country(name) is None and country(name, demonyms=True) is not None


def _courtesy_start(text: str, start: int, words: set[str]) -> int:
    """Start of the name with the courtesy title just before it ("Mrs. Higgins"), else ``start``."""
    m = re.search(r"(\S+)\s+$", text[:start])
    return m.start(1) if m and m.group(1) in words else start


def _titles_start(doc, start: int, end: int) -> int:
    """Start of the name with the capitalised words of its compound chain before it.

    "U.S. Sen. Robert F. Kennedy": each word before the name hangs (directly or through the
    words after it) on the name, and is capitalised; a lower-case word or a determiner stops it.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start
    first = span.start
    i = first - 1
    while i >= 0:
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.pos_ in ("DET", "PRON", "PUNCT", "ADP", "CCONJ") or tok.ent_type_ == "DATE":
            break
        if not (first <= tok.head.i < span.end) or tok.dep_ not in ("compound", "nmod", "amod"):
            break
        first = i
        i -= 1
    return doc[first].idx if first < span.start else start


def predict(nlp, sentences: list[tuple[int, str]], mapping, supers, spans=None) -> dict[int, list[dict]]:
    """The relations kg finds in each sentence, typed by the mapping table, worded by the spans table."""
    from kg.extract import extract
    from kg.ontology import load_lexicon
    from kg.resolve import Resolver

    spans = read_spans() if spans is None else spans
    lexicon = load_lexicon()
    extractions = []
    for (orig_id, _), doc in zip(sentences, nlp.pipe([t for _, t in sentences], batch_size=128)):
        extractions.append((orig_id, doc, extract(doc, f"s{orig_id}", lexicon)))
    resolver = Resolver()
    for _, _, ex in extractions:
        resolver.add(ex.mentions, ex.acronyms)
    resolution = resolver.resolve()

    def cls(m) -> str:
        iri = resolution.entity_id(m)
        return resolution.entity(iri).type if iri else ""

    out: dict[int, list[dict]] = {}
    for orig_id, doc, ex in extractions:
        names = {}
        for m in ex.mentions:  # the name a pronoun stands for, in this sentence
            if m.text.lower() not in _PRONOUNS and m.label != "POSITION":
                names.setdefault(m.key, m)
        typed = []
        for a in ex.assertions:
            if a.negated:
                continue
            pred, s, o = a.predicate, a.subject, a.object
            stored, _, _ = lexicon.canonical(pred, "s", "o")
            if stored != pred:
                pred, s, o = stored, o, s
            cs, co = cls(s), cls(o)
            for p, sc, oc, typ in mapping:
                if p == pred and sc in supers.get(cs, ()) and oc in supers.get(co, ()):
                    s = names.get(s.key, s) if s.text.lower() in _PRONOUNS else s
                    o = names.get(o.key, o) if o.text.lower() in _PRONOUNS else o
                    typed.append((a, pred, typ, s, o))
                    break
        out[orig_id] = _worded(doc, typed, spans)
    return out


_WORDS_AFTER = re.compile(r",\s*([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})")


def _state_after(text: str, at: int) -> int:
    """End of the US state or country named after a comma at ``at`` ("Whitingham, Vt."), else 0."""
    from kg.places import country, us_state_name

    m = _WORDS_AFTER.match(text, at)
    if not m:
        return 0
    words = m.group(1).split(" ")
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        for cand in (name, name.rstrip(".")):
            if us_state_name(cand) or country(cand):
                return m.start(1) + len(cand)
    return 0


def _worded(doc, typed, spans) -> list[dict]:
    """Each typed fact as the scorer reads it: its arguments' words by the span conventions."""
    text = doc.text
    joined: dict[tuple[int, int], int] = {}  # (place start, place end) -> end of its container
    containers: set[tuple[int, int]] = set()
    conv = spans.get("place_with_container")
    for a, pred, typ, s, o in typed:  # "born in Amherst, Mass.": the place with its state
        if not _applies(conv, typ, "tail", pred):
            continue
        for b, pred2, _, s2, o2 in typed:
            if pred2 == "locatedIn" and (s2.start, s2.end) == (o.start, o.end) and re.fullmatch(r",\s*", text[o.end:o2.start]):
                joined[(o.start, o.end)] = o2.end
                containers.add((o2.start, o2.end))
        if (o.start, o.end) not in joined:  # kg read no container there: a state or country by name ("Whitingham, Vt.")
            end = _state_after(text, o.end)
            if end:
                joined[(o.start, o.end)] = end
                containers |= {(o2.start, o2.end) for *_, o2 in typed if o.end < o2.start < end}
    written = []
    absorbed: list[tuple[int, int]] = []  # title words a name took in ("New York Sen."): no entity of their own
    for a, pred, typ, s, o in typed:
        if (o.start, o.end) in containers and (pred == "locatedIn" or _applies(conv, typ, "tail", pred)):
            continue  # the state of a joined birthplace is part of its name, not a place of its own here
        if _applies(spans.get("whole_words"), typ, "*", pred) and any(_inside_word(text, m) for m in (s, o)):
            continue
        no_demonym = spans.get("no_demonym")
        if _applies(no_demonym, typ, "tail", pred) and o.text not in no_demonym[2] and _is_demonym(o.text):
            continue
        words = []
        for arg, m in (("head", s), ("tail", o)):
            start, end = m.start, m.end
            if arg == "tail" and _applies(conv, typ, arg, pred):
                end = joined.get((start, end), end)
            if m.label == "PERSON" and _applies(spans.get("name_titles"), typ, arg, pred):
                start = _titles_start(doc, start, end)
                if start < m.start:
                    absorbed.append((start, m.start))
            if m.label == "PERSON" and _applies(spans.get("courtesy_title"), typ, arg, pred):
                start = _courtesy_start(text, start, spans["courtesy_title"][2])
            words.append(text[start:end] if text[m.start:m.end] == m.text else m.text)
        written.append(({"head": words[0], "type": typ, "tail": words[1], "rule": a.rule, "predicate": a.predicate}, s, o))
    inside = lambda m: any(lo <= m.start and m.end <= hi for lo, hi in absorbed)  # noqa: E731
    return [rel for rel, s, o in written if not (inside(s) or inside(o))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", type=Path, default=SPLIT, help="a CoNLL04 split (JSON list of sentences)")
    ap.add_argument("--scorer", type=Path, default=SCORER, help="conll04_score.py")
    ap.add_argument("--mapping", type=Path, default=MAPPING, help="kg relation -> CoNLL04 type table")
    ap.add_argument("--out", type=Path, default=None, help="system file to write [/tmp/kg-conll04-SPLIT.jsonl]")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: kg's)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N false positives and misses (train/dev only)")
    ap.add_argument("--spans", type=Path, default=SPANS,
                    help="how CoNLL04 words an argument (conventions table; /dev/null: kg's own names)")
    args = ap.parse_args(argv)

    from kg.nlp import load_model

    started = time.perf_counter()
    data = json.loads(args.split.read_text(encoding="utf-8"))
    sentences = [(int(s["orig_id"]), detokenize(s["tokens"])) for s in data]
    system = predict(load_model(args.model), sentences, read_mapping(args.mapping), superclasses(), read_spans(args.spans))
    out = args.out or Path(f"/tmp/kg-conll04-{args.split.stem}.jsonl")
    with out.open("w", encoding="utf-8") as fh:
        for orig_id, _ in sentences:
            fh.write(json.dumps({"orig_id": orig_id, "relations": system.get(orig_id, [])}, ensure_ascii=False) + "\n")
    res = subprocess.run([sys.executable, str(args.scorer), str(args.split), str(out)], capture_output=True, text=True, check=True)
    lines = res.stdout.strip().splitlines()
    print("\n".join(lines[:-1]))
    print(f"{len(sentences)} sentences, {sum(len(r) for r in system.values())} relations, {time.perf_counter() - started:.1f} s -> {out}")
    if args.errors:
        _errors(data, system, args.scorer, args.errors)
    print(lines[-1])
    return 0


def _errors(data, system, scorer: Path, limit: int) -> None:
    """False positives and misses, sentence by sentence (for reading, after scoring)."""
    sys.path.insert(0, str(scorer.parent))
    import conll04_score as cs  # the scorer's own normalisation and gold reading

    fps, fns = [], []
    for s in data:
        gold = {(cs.norm(h), t, cs.norm(o)) for h, t, o in cs.gold_relations(s)}
        pred = {(cs.norm(r["head"]), r["type"], cs.norm(r["tail"])): r for r in system.get(int(s["orig_id"]), [])}
        text = detokenize(s["tokens"])
        fps += [(k, r, text) for k, r in pred.items() if k not in gold]
        fns += [(k, text) for k in gold if k not in pred]
    print(f"--- false positives ({len(fps)})")
    for (h, t, o), r, text in fps[:limit]:
        print(f"FP {t}: {h} | {o}   [{r['predicate']}/{r['rule']}]  {text[:160]}")
    print(f"--- misses ({len(fns)})")
    for (h, t, o), text in fns[:limit]:
        print(f"FN {t}: {h} | {o}   {text[:160]}")


if __name__ == "__main__":
    raise SystemExit(main())
