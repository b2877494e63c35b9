"""Blocking: split entity resolution into groups of names that resolve on their own.

Resolution is global, but each of its decisions (:mod:`kg.resolve`) only compares names that
share a *blocking key*:

- a place identifier: the names of one GeoNames or ISO 3166 place are one entity;
- a person: full names whose surnames and given names are near (the person clusters
  themselves), and each lone surname with every person it may name (a surname near theirs,
  or the same once transliterations are folded) and with those people's other surnames;
- a target name: an acronym and its defined long forms, an alias and the body it names, a
  name and the long form its initials spell ("CSTO" for "Collective Security Treaty
  Organization"), "X of <place>" and its head X, "X Inc" and its stem X.

The groups are the connected components of names linked by shared blocking keys (a
union-find). A partition takes whole groups (chosen by a CRC of the group's root, so the same
everywhere), hence every decision in a partition sees every name it could involve, and
:meth:`kg.resolve.Resolver.merge`, which names the entities of all partitions in one sorted
pass, gives the same entities and IRIs as resolving everything at once. Finding the person
clusters and the surname matches here is the costly part; it runs in C (rapidfuzz) over the
distinct names, not over mentions.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .resolve import Resolution, Resolver

__all__ = ["groups", "split", "resolve_in_parts"]


class _UnionFind:
    """Union-find over strings; the root of a set is its least member, so roots are stable."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = parent.setdefault(x, x)
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _token(kind: str, value: str) -> str:
    """A blocking key that is not a name (names never contain NUL)."""
    return f"\x00{kind}\x00{value}"


def groups(resolver: Resolver) -> dict[str, str]:
    """Every name (key) of ``resolver`` -> the root of its group."""
    from .extract.entity_types import cues
    from .places import lookup
    from .resolve import _STOP_INITIALS, _main_label

    stats = resolver._stats
    keys = sorted(stats)
    uf = _UnionFind()
    kinds: dict[str, list[str]] = {"person": [], "single": [], "name": []}
    for key in keys:
        uf.find(key)
        uf.union(key, _token("target", key))  # whatever names this key as its target joins it
        kind, place = resolver.category(key)
        if place is not None:
            uf.union(key, _token("place", f"{place.kind}\x00{place.id}"))
        else:
            kinds[kind].append(key)

    cluster: dict[str, tuple] = {}
    resolver._cluster_people(kinds["person"], cluster)
    for key in kinds["person"]:
        uf.union(key, cluster[key][1])
    candidates, surnames = resolver.surname_candidates(kinds["single"], cluster)
    for key, found in zip(kinds["single"], candidates):
        for cid in found:
            uf.union(key, cid[1])
            for name in surnames[cid]:  # the spelling check reads where these names are used alone
                if name in stats:
                    uf.union(key, name)

    aliases = cues()["aliases"]
    forms = cues()["organization.legal_forms"]
    # names that may stand for the initials of a long form (the resolver's test on the name alone)
    initialisms = {k for k in kinds["name"] + kinds["single"]
                   if k.isalpha() and stats[k].surfaces and all(s.isupper() for s in stats[k].surfaces)}
    for key in kinds["name"] + kinds["single"]:
        if key in aliases:
            uf.union(key, _token("target", aliases[key][1]))
        for long in resolver._acronyms.get(key, ()):
            uf.union(key, _token("target", long))
        words = key.split()
        if len(words) >= 2:
            letters = "".join(w[0] for w in words if w not in _STOP_INITIALS)
            if len(letters) >= 2 and letters in initialisms:
                uf.union(key, letters)
        head, sep, tail = key.rpartition(" of ")
        if sep and head in stats and len(head.split()) >= 2 and lookup(tail) is not None:
            uf.union(key, head)
        stem, _, form = key.rpartition(" ")
        if form in forms and stem in stats and stem not in forms and stem not in resolver._acronyms \
                and _main_label(stats[stem].labels) == "ORG":
            uf.union(key, stem)
    return {key: uf.find(key) for key in keys}


def split(resolver: Resolver, partitions: int) -> list[Resolver]:
    """``partitions`` resolvers, each holding whole groups of ``resolver``'s names (their
    statistics and acronym definitions), to be resolved separately and merged by ``resolver``."""
    from .resolve import Resolver

    parts = [Resolver(base_iri=resolver.base_iri) for _ in range(partitions)]
    where: dict[str, int] = {}
    roots: dict[str, int] = {}
    for key, root in groups(resolver).items():
        p = roots.get(root)
        if p is None:
            p = roots[root] = zlib.crc32(root.encode("utf-8")) % partitions
        where[key] = p
        parts[p]._stats[key] = resolver._stats[key]
    for short, longs in resolver._acronyms.items():
        if short in where:
            parts[where[short]]._acronyms[short] = longs
    return parts


def resolve_in_parts(resolver: Resolver, partitions: int, *, map: Callable = map) -> Resolution:
    """:meth:`Resolver.resolve`, with the names split by blocking keys into ``partitions`` groups
    that resolve on their own: ``map`` runs :meth:`Resolver.drafts` of each (the builtin, a
    process pool's or a Dask client's map) and :meth:`Resolver.merge` names the entities of all
    of them at once, so the result is the same, IRI for IRI, as with one partition."""
    if partitions <= 1:
        return resolver.resolve()
    return resolver.merge([d for part in map(_drafts_of, split(resolver, partitions)) for d in part])


def _drafts_of(resolver: Resolver) -> list:
    """The drafts of one partition (a module-level function, so a process pool can pickle it)."""
    return resolver.drafts()
