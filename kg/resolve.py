"""Entity resolution: many mentions, across all documents, to one node per real referent.

Decisions, in order (each one is conservative: a missing merge costs less than a wrong one):

1. Places are identified with GeoNames and ISO 3166 (``kg.places``): "Russia", "Russian" and
   "the Russian Federation" are one country; Moscow is a city.
2. Acronyms defined in the text ("Collective Security Treaty Organization (CSTO)") and
   unambiguous initials join their long form.
3. Full person names join when their surnames and given names are near-identical
   transliterations (rapidfuzz): "Sergey Lavrov" ~ "Sergei Lavrov", "Shoigu" ~ "Shoygu";
   "Sergey Lavrov" and "Sergey Shoigu" never join.
4. "Islamic Emirate" joins "Islamic Emirate of Afghanistan" where the documents that use the
   short form also name the long one (the "of <place>" only says where the body is).
5. A lone surname ("Lavrov") joins the full name in the same document, else the only person in
   the corpus with that surname; when several people share it, it stays apart.
6. Everything else joins on its normalised name.

Resolution is global: it runs once over the mentions of every document, so builds that are
split across processes or machines resolve the same way as one that is not.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from . import places
from ._similar import near_pairs, similar_pairs
from .naming import STOP_INITIALS as _STOP_INITIALS
from .naming import name_parts as _name_parts
from .naming import person_key, slug, title_word
from .records import Entity, Mention

__all__ = ["DEFAULT_BASE_IRI", "Resolver", "Resolution", "Draft", "slug", "PRONOUNS"]

DEFAULT_BASE_IRI = "https://kg.example.org/id/"

PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "it", "its", "they", "them", "their",
                      "himself", "herself", "itself", "themselves", "theirs",
                      "i", "me", "my", "myself", "mine", "we", "us", "our", "ours", "ourselves"})


def is_pronoun(surface: str) -> bool:
    """Whether a mention's words are a pronoun, which names nothing: "US" (capitals) is a country."""
    return surface.lower() in PRONOUNS and (len(surface) == 1 or not surface.isupper())

#: spaCy label -> ontology class, for entities that are neither places nor people.
_CLASS_OF_LABEL = {
    "PERSON": "Person", "ORG": "Organization", "NORP": "Group", "GPE": "Place", "LOC": "Region",
    "FAC": "Facility", "EVENT": "Event", "PRODUCT": "Product", "WORK_OF_ART": "CreativeWork", "LAW": "Legislation",
    "TOPIC": "Thing",  # a policy an article is about: "ID cards" (kg.extract.topics)
}
_LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART")
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC", "ORG"})
#: Generational suffixes after a surname: "Robert Miller Jr" is a Miller.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_SURNAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})  # spaCy often tags a lone surname ORG

#: Thresholds of rapidfuzz's ``fuzz.ratio`` (0-100) for two spellings of one name.
SURNAME_SIMILARITY = 80
GIVEN_NAME_SIMILARITY = 70
#: ... and of a lone surname for a person's surname ("Shoygu" for Sergei Shoigu).
ATTACH_SIMILARITY = 90


@dataclass
class _Stats:
    # plain dicts as counters: one _Stats per distinct name, and Counter() costs 10x a dict
    count: int = 0
    surfaces: dict[str, int] = field(default_factory=dict)
    docs: set = field(default_factory=set)
    labels: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Resolution:
    """The resolved entities, and which entity each mention belongs to."""

    entities: tuple[Entity, ...]
    by_key: dict[str, str]
    by_doc_key: dict[tuple[str, str], str]
    places: dict[str, places.Place]

    def entity_id(self, mention: Mention) -> str | None:
        """The IRI of the entity a mention refers to (None if it was not resolved)."""
        if mention.label == "POSITION":
            return self.by_key.get("@position:" + mention.key) or self.by_key.get("@position:" + mention.key.split("@")[0] + "@")
        return self.by_doc_key.get((mention.doc_id, mention.key)) or self.by_key.get(mention.key)

    def entity(self, iri: str) -> Entity:
        """The entity with that IRI."""
        return self._index[iri]

    @property
    def _index(self) -> dict[str, Entity]:
        cache = self.__dict__.get("_index_cache")
        if cache is None:
            cache = {e.id: e for e in self.entities}
            object.__setattr__(self, "_index_cache", cache)
        return cache


class Draft(NamedTuple):
    """One resolved entity before it has an IRI: IRIs are given in one pass over the drafts of
    every partition (:meth:`Resolver.merge`), sorted by ``order``, so that two entities whose
    labels make the same IRI get ``-2``, ``-3`` the same way however the names were split."""

    order: tuple[str, str, str]  # (class, slug of the label, repr of the cluster id)
    cls: str
    iri_name: str  # what the IRI is made from: the label, or a person's spelling-free key
    label: str
    aliases: tuple[str, ...]
    count: int
    same_as: tuple[str, ...]
    place: places.Place | None
    keys: tuple[str, ...]  # the names that are this entity
    doc_keys: tuple[tuple[str, str], ...]  # (document, name) pairs that are this entity in that document only


class Resolver:
    """Collects mentions of every document, then resolves them all at once.

    Memory grows with the number of distinct names (per document), not with the text read.
    """

    def __init__(self, *, base_iri: str = "https://kg.example.org/id/") -> None:
        self.base_iri = base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"
        self._stats: dict[str, _Stats] = defaultdict(_Stats)
        self._positions: dict[str, _Stats] = defaultdict(_Stats)
        self._acronyms: dict[str, Counter] = defaultdict(Counter)

    def add(self, mentions: Iterable[Mention], acronyms: Iterable[tuple[str, str]] = ()) -> None:
        """Record the mentions (and acronym definitions) of one document."""
        for m in mentions:
            table = self._positions if m.label == "POSITION" else self._stats
            st = table[m.key]
            st.count += 1
            st.docs.add(m.doc_id)
            if not is_pronoun(m.text):
                st.surfaces[m.text] = st.surfaces.get(m.text, 0) + 1
                st.labels[m.label] = st.labels.get(m.label, 0) + 1
        for short, long in acronyms:
            self._acronyms[short][long] += 1

    def update(self, other: Resolver) -> None:
        """Add the statistics another resolver collected (of other documents) to these."""
        for mine, theirs in ((self._stats, other._stats), (self._positions, other._positions)):
            for key, st in theirs.items():
                acc = mine[key]
                acc.count += st.count
                acc.docs |= st.docs
                for table, add in ((acc.surfaces, st.surfaces), (acc.labels, st.labels)):
                    for k, v in add.items():
                        table[k] = table.get(k, 0) + v
        for short, longs in other._acronyms.items():
            self._acronyms[short].update(longs)

    # ------------------------------------------------------------------ clustering

    def resolve(self) -> Resolution:
        """Cluster the names seen so far into entities with deterministic IRIs.

        :func:`kg.blocking.resolve_in_parts` gives the same result from partitions of the names.
        """
        return self.merge(self.drafts())

    def drafts(self) -> list[Draft]:
        """The entities of the names seen so far, without IRIs (the per-partition half of :meth:`resolve`)."""
        cluster: dict[str, tuple] = {}  # key -> cluster id
        found_places: dict[tuple, places.Place] = {}
        person_keys, single_keys, other_keys = [], [], []
        for key in sorted(self._stats):
            kind, place = self.category(key)
            if place is not None:
                cid = (place.kind, place.id)
                cluster[key] = cid
                found_places[cid] = place
            elif kind == "person":
                person_keys.append(key)
            elif kind == "single":
                single_keys.append(key)
            else:
                other_keys.append(key)

        by_doc_key: dict[tuple[str, str], tuple] = {}
        self._cluster_people(person_keys, cluster)
        self._attach_surnames(single_keys, cluster, by_doc_key)
        self._cluster_names(other_keys + [k for k in single_keys if k not in cluster], cluster)
        return self._drafts(cluster, by_doc_key, found_places)

    def category(self, key: str) -> tuple[str, places.Place | None]:
        """What a name is to resolution: ``("place", Place)``, ``("person", None)`` (a full name),
        ``("single", None)`` (a lone word that may be a surname) or ``("name", None)``."""
        label = _main_label(self._stats[key].labels)
        if label in _PLACE_LABELS:
            place = places.country(key, demonyms=label == "NORP") if label in {"ORG", "NORP"} else places.lookup(key, demonyms=True)
            if place is not None:
                return "place", place
        if label == "PERSON" and len(_name_parts(key)) >= 2:
            return "person", None
        if label in _SURNAME_LABELS and len(_name_parts(key)) == 1 and " " not in key:
            return "single", None
        return "name", None

    def _cluster_people(self, keys: list[str], cluster: dict[str, tuple]) -> None:
        """Full names join when their surnames (same initial) and given names are near-identical.

        The surnames are compared once per distinct pair, in C (rapidfuzz), and given names only
        for the pairs whose surnames match: the pairs of names compared one by one grew with the
        square of the people named.
        """
        from rapidfuzz import fuzz

        parent = {k: k for k in keys}

        def find(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        parts = {k: _name_parts(k) for k in keys}
        by_surname: dict[str, list[str]] = defaultdict(list)
        for k in keys:
            by_surname[_surname(parts[k])].append(k)  # "John Pope Jr" and "John Johnstone Jr" are no namesakes
        by_initial: dict[str, list[str]] = defaultdict(list)
        for name in sorted(by_surname):
            by_initial[name[:1]].append(name)
        for bucket in by_initial.values():
            for i, j in similar_pairs(bucket, bucket, SURNAME_SIMILARITY):
                if j < i:
                    continue
                for a in by_surname[bucket[i]]:
                    pa = parts[a]
                    for b in by_surname[bucket[j]]:
                        if (i == j and b <= a) or pa[0][0] != parts[b][0][0] or fuzz.ratio(pa[0], parts[b][0]) < GIVEN_NAME_SIMILARITY:
                            continue
                        if (_surname(pa) != pa[-1]) != (_surname(parts[b]) != parts[b][-1]):
                            continue  # "Philip Crosby Jr" and "Philip Crosby" may be son and father
                        ra, rb = find(a), find(b)
                        if ra != rb:
                            parent[max(ra, rb)] = min(ra, rb)
        for k in keys:
            cluster[k] = ("Person", find(k))

    def _attach_surnames(self, keys: list[str], cluster: dict[str, tuple], by_doc_key: dict) -> None:
        """A lone surname joins the person of that surname named in its document, or the only one."""
        people: dict[tuple, set[str]] = defaultdict(set)  # cluster -> docs naming it in full
        for key, cid in cluster.items():
            if cid[0] == "Person":
                people[cid] |= self._stats[key].docs
        candidates, surnames = self.surname_candidates(keys, cluster)
        for key, found in zip(keys, candidates):
            matches = [cid for cid in found if self._spelling_fits(key, cid, surnames[cid], people[cid])]
            if not matches:
                continue
            for doc in sorted(self._stats[key].docs):
                in_doc = [cid for cid in matches if doc in people[cid]]
                if len(in_doc) == 1:
                    by_doc_key[(doc, key)] = in_doc[0]
            if len(matches) == 1:
                cluster[key] = matches[0]

    def surname_candidates(self, keys: list[str], cluster: dict[str, tuple]) -> tuple[list[list[tuple]], dict[tuple, list[str]]]:
        """For each lone surname of ``keys``, the people (clusters of full names) it may name: a
        surname near theirs, or the same once transliterations are folded (sorted); and each
        person's surnames. Only these are checked further, so only they can change the outcome."""
        surnames: dict[tuple, list[str]] = defaultdict(list)
        for key, cid in cluster.items():
            if cid[0] == "Person":
                surnames[cid].append(_surname(_name_parts(key)))
        owners: dict[str, set[tuple]] = defaultdict(set)  # surname -> people of that surname
        for cid, names in surnames.items():
            for n in names:
                owners[n].add(cid)
        choices = sorted(owners)
        folded: dict[str, set[tuple]] = defaultdict(set)  # "shoigu" -> people surnamed Shoigu or Shoygu
        for n in choices:
            folded[person_key(n)] |= owners[n]
        near: dict[int, set[tuple]] = defaultdict(set)  # scored in C, once per distinct surname
        for i, j in near_pairs(keys, choices, ATTACH_SIMILARITY):
            near[i] |= owners[choices[j]]
        return [sorted(near.get(i, set()) | folded.get(person_key(key), set())) for i, key in enumerate(keys)], surnames

    def _spelling_fits(self, key: str, cid: tuple, names: list[str], docs: set[str]) -> bool:
        """A lone surname spelt otherwise than the full name ("Reagan" for "Donald Regan") joins it
        only with evidence: the same name once transliterations are folded (Shoigu/Shoygu), or a
        name used mostly where the full name is, never in a document that also writes the other
        spelling alone."""
        folded = person_key(key)
        if any(person_key(n) == folded for n in names):
            return True
        own = self._stats[key].docs
        if len(own - docs) > len(own & docs):
            return False  # a name of its own: "Reagan" where Donald Regan is not named
        return not any(own & self._stats[n].docs for n in names if n in self._stats and n != key)

    def _cluster_names(self, keys: list[str], cluster: dict[str, tuple]) -> None:
        long_forms = {k for k in keys if len(k.split()) >= 2}
        initials: dict[str, list[str]] = defaultdict(list)
        for k in long_forms:
            letters = "".join(w[0] for w in k.split() if w not in _STOP_INITIALS)
            if len(letters) >= 2:
                initials[letters].append(k)
        from .extract.entity_types import cues

        aliases = cues()["aliases"]  # "Tories", "the Commons": one body, whichever stage named it
        for key in keys:
            target = key
            defined = self._acronyms.get(key)
            if key in aliases and _main_label(self._stats[key].labels) != "PERSON":
                target = aliases[key][1]
            elif defined:
                target = sorted(defined.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            elif key.isalpha() and len(initials.get(key, [])) == 1 and self._stats[key].surfaces and all(s.isupper() for s in self._stats[key].surfaces):
                target = initials[key][0]
            cluster[key] = ("Name", target)
        of_place: dict[str, str] = {}
        for k in long_forms:  # "islamic emirate of afghanistan" -> "islamic emirate"
            head, sep, tail = k.rpartition(" of ")
            if sep and head in self._stats and len(head.split()) >= 2 and places.lookup(tail) is not None:
                of_place.setdefault(head, k) if head not in of_place else of_place.update({head: ""})
        for key in keys:
            long = of_place.get(key)
            # the short form joins only where every document using it also names the long form
            if long and cluster.get(key) == ("Name", key) and self._stats[key].docs <= self._stats[long].docs:
                cluster[key] = ("Name", long)
        self._legal_forms(keys, cluster)
        for key in keys:  # a long form that became an acronym's target points to itself
            cid = cluster[key]
            if cid[1] in cluster and cluster[cid[1]] != cid and cid[1] != key:
                cluster[key] = cluster[cid[1]]

    def _legal_forms(self, keys: list[str], cluster: dict[str, tuple]) -> None:
        """"Texaco Inc" is "Texaco", "Middle Way Group" is "Middle Way": a name and the same name
        with a legal form or "Group" after it are one organisation, when the short name is one."""
        from .extract.entity_types import cues

        forms = cues()["organization.legal_forms"]
        present = set(keys)
        for key in keys:
            stem, _, form = key.rpartition(" ")
            if (form in forms and stem in present and stem not in forms and stem not in self._acronyms
                    and cluster.get(key) == ("Name", key) and _main_label(self._stats[stem].labels) == "ORG"):
                cluster[key] = cluster[stem]

    # ------------------------------------------------------------------ entities

    def _drafts(self, cluster: dict[str, tuple], by_doc_key: dict, found_places: dict) -> list[Draft]:
        members: dict[tuple, list[str]] = defaultdict(list)
        for key, cid in cluster.items():
            members[cid].append(key)
        doc_members: dict[tuple, Counter] = defaultdict(Counter)
        attached: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
        for (doc, key), cid in by_doc_key.items():
            attached[cid].append((doc, key))
            if cluster.get(key) != cid:
                members.setdefault(cid, [])
                doc_members[cid][key] += 1
        shares = Counter((key, cid) for (_, key), cid in by_doc_key.items())

        drafts = []
        for cid in sorted(members, key=repr):
            keys = sorted(members[cid])
            surfaces: Counter = Counter()
            labels: Counter = Counter()
            count = 0
            for k in keys:
                st = self._stats[k]
                surfaces.update(st.surfaces)
                labels.update(st.labels)
                count += st.count
            for k in sorted(doc_members.get(cid, ())):  # surnames attached in some documents only
                st = self._stats[k]
                share = shares[(k, cid)]
                surfaces[next(iter(sorted(st.surfaces)), k)] += share
                count += share
            place = found_places.get(cid)
            if place is not None:
                cls, label = place.kind, place.name
            elif cid[0] == "Person":
                cls, label = "Person", _best_surface(surfaces, prefer_multiword=True)
            else:
                cls = _CLASS_OF_LABEL.get(_main_label(labels), "Thing")
                label = _best_surface(surfaces, prefer_multiword=False)
            if not label:
                continue
            aliases = tuple(sorted({s for s in surfaces if s != label and not is_pronoun(s)}))
            same_as = (places.GEONAMES.format(place.geonames_id),) if place is not None and place.geonames_id else ()
            drafts.append(Draft((cls, slug(label), repr(cid)), cls, person_key(label) if cls == "Person" else label, label,
                                aliases, count, same_as, place, tuple(keys), tuple(attached.get(cid, ()))))
        return drafts

    def merge(self, drafts: Iterable[Draft]) -> Resolution:
        """Name the drafted entities of every partition (IRIs are unique across all of them), then
        the positions, whose labels name the organisation of the office."""
        by_key: dict[str, str] = {}
        doc_map: dict[tuple[str, str], str] = {}
        entities: list[Entity] = []
        used: set[str] = set()
        place_by_iri: dict[str, places.Place] = {}
        for d in sorted(drafts, key=lambda d: d.order):
            iri = self._iri(d.cls, d.iri_name, used)
            entities.append(Entity(iri, d.label, d.cls, d.aliases, d.count, d.same_as))
            for k in d.keys:
                by_key[k] = iri
            for dk in d.doc_keys:
                doc_map[dk] = iri
            if d.place is not None:
                place_by_iri[iri] = d.place
        labels_by_iri = {e.id: e.label for e in entities}
        entities += self._position_entities(by_key, labels_by_iri, used)
        for e in entities:
            if e.type == "Position":
                by_key.update({"@position:" + k: e.id for k in self._position_keys.get(e.id, ())})
        return Resolution(tuple(sorted(entities, key=lambda e: e.id)), by_key, doc_map, place_by_iri)

    def _position_entities(self, by_key: dict[str, str], labels: dict[str, str], used: set[str]) -> list[Entity]:
        grouped: dict[str, tuple[str, Counter, int, list[str]]] = {}
        for key in sorted(self._positions):
            role, _, org_key = key.partition("@")
            org_iri = by_key.get(org_key) if org_key else None
            title = " ".join(title_word(w) for w in role.split())
            label = f"{title} of {labels[org_iri]}" if org_iri else title
            st = self._positions[key]
            if label not in grouped:
                grouped[label] = (label, Counter(), 0, [])
            lab, surf, cnt, keys = grouped[label]
            surf.update(st.surfaces)
            grouped[label] = (lab, surf, cnt + st.count, keys + [key])
        self._position_keys: dict[str, list[str]] = {}
        out = []
        for label in sorted(grouped):
            _, surfaces, count, keys = grouped[label]
            iri = self._iri("Position", label, used)
            self._position_keys[iri] = keys
            aliases = tuple(sorted(s for s in surfaces if s != label))
            out.append(Entity(iri, label, "Position", aliases, count))
        return out

    def _iri(self, cls: str, label: str, used: set[str]) -> str:
        base = f"{self.base_iri}{cls.lower()}/{slug(label)}"  # slug() keeps a person_key() as it is
        iri, n = base, 2
        while iri in used:
            iri, n = f"{base}-{n}", n + 1
        used.add(iri)
        return iri


def _surname(parts: list[str]) -> str:
    """The surname of a person's name parts: the last, or the one before "Jr", "Sr", "III"."""
    return parts[-2] if len(parts) > 2 and parts[-1].rstrip(".") in _SUFFIXES else parts[-1]


def _main_label(labels: Counter) -> str:
    if not labels:
        return "PERSON"
    top = max(labels.values())
    return next(lab for lab in _LABEL_PRIORITY if labels.get(lab) == top) if any(labels.get(lab) == top for lab in _LABEL_PRIORITY) else sorted(labels)[0]


def _best_surface(surfaces: Counter, *, prefer_multiword: bool) -> str:
    """The most used name; for people, the most used full name."""
    candidates = [s for s in surfaces if not is_pronoun(s) and not s.lower().startswith("the ")]
    if not candidates:  # "the Foreign Minister" names an entity only when nothing else does
        candidates = [s for s in surfaces if not is_pronoun(s)]
    if prefer_multiword and any(len(_name_parts(s.lower())) >= 2 for s in candidates):
        candidates = [s for s in candidates if len(_name_parts(s.lower())) >= 2]
    elif not prefer_multiword:  # "Bill" is what the article calls its "Prevention of Terrorism Bill", not its name
        from .ontology import word_list

        heads = word_list("kind_heads")
        candidates = [s for s in candidates if s.lower() not in heads or not any(c.endswith(" " + s) for c in candidates)]
    if not candidates:
        return ""
    # ties: a name without initials ("Vladimir Putin" before "Vladimir V. Putin"), then the longer
    return sorted(candidates, key=lambda s: (-surfaces[s], "." in s, -len(s), s))[0]
