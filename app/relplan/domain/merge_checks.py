"""Merge conflicts that no single record shows: edits that are fine alone but not together.

- a record removed on one side while the other side added or changed something that refers
  to it (a link to a removed item, a role on it): keeping the removal would silently drop
  the other side's work;
- the same link or role added on both sides as two records: identical ones become one,
  different ones are a conflict;
- links added on both sides that only together close a cycle.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import networkx as nx

from relplan.domain.describe import Names, noun
from relplan.domain.graph import find_cycles
from relplan.domain.merge import NATURAL_KEYS, MergeConflict, MergeResult, Setting
from relplan.domain.model import REFERENCES, TABLES

Sides = dict[str, tuple[dict, dict]]  # table -> (ours, theirs), matched to base ids

_LISTED = 3


def find_semantic_conflicts(result: MergeResult, sides: Sides, names: Names) -> list[MergeConflict]:
    """Conflicts between the merged records as a whole; may merge identical duplicates."""
    found = _reference_conflicts(result, sides, names)
    found += _duplicate_conflicts(result, sides, names)
    found += _cycle_conflicts(result, sides, names)
    return found


def _listing(labels: list[str]) -> str:
    shown = ", ".join(labels[:_LISTED])
    more = len(labels) - _LISTED
    return f"{shown} and {more} more" if more > 0 else shown


def _reference_conflicts(result: MergeResult, sides: Sides, names: Names) -> list[MergeConflict]:
    if not any(
        record_id not in result.tables[table]
        for table in TABLES
        for record_id in result.base.table(table)
    ):
        return []  # nothing of the original was removed
    users: tuple[dict, dict] = (defaultdict(list), defaultdict(list))  # target -> referrers
    for table, cls in TABLES.items():
        fields = [f.name for f in dataclasses.fields(cls) if f.name in REFERENCES]
        old = result.base.table(table)
        for side, records in zip(users, sides[table], strict=True):
            for record in records.values():
                if not fields or old.get(record.id) == record:
                    continue
                for name in fields:
                    value = getattr(record, name)
                    for target in value if isinstance(value, tuple) else (value,):
                        if target is not None:
                            side[(REFERENCES[name], target)].append(names.label(table, record))
    found = []
    for table in TABLES:
        mine, other = sides[table]
        for record_id, record in result.base.table(table).items():
            if record_id in result.tables[table] or (record_id in mine) == (record_id in other):
                continue
            remover = 0 if record_id not in mine else 1
            keeper = 1 - remover
            referrers = users[keeper].get((table, record_id))
            if not referrers:
                continue
            labels = result.labels
            kept = (mine, other)[keeper][record_id]
            settings = (
                (Setting(table, record_id, None, None),),
                (Setting(table, record_id, None, kept),),
            )
            if remover == 1:
                settings = settings[::-1]
            refers = "refers" if len(referrers) == 1 else "refer"
            found.append(
                MergeConflict(
                    key=f"{table}/{record_id}",
                    kind="reference",
                    table=table,
                    id=record_id,
                    field=None,
                    message=f"The {noun(table)} {names.label(table, record)} was removed in "
                    f"{labels[remover]}, but {labels[keeper]} added or changed "
                    f"{_listing(referrers)}, which {refers} to it.",
                    base_text="as it was",
                    ours_text="removed" if remover == 0 else "kept",
                    theirs_text="removed" if remover == 1 else "kept",
                    take_ours=settings[0],
                    take_theirs=settings[1],
                )
            )
    return found


def _duplicate_conflicts(result: MergeResult, sides: Sides, names: Names) -> list[MergeConflict]:
    from relplan.domain.diff import record_details

    found = []
    for table, key_fields in NATURAL_KEYS.items():
        old = result.base.table(table)
        mine, other = sides[table]
        merged = result.tables[table]
        if not (mine.keys() - old.keys() - other.keys()) or not (
            other.keys() - old.keys() - mine.keys()
        ):
            continue  # only one side added any
        groups: dict[tuple, list[str]] = defaultdict(list)
        for record_id, record in merged.items():
            groups[tuple(getattr(record, f) for f in key_fields)].append(record_id)
        for ids in groups.values():
            ours = [i for i in ids if i not in old and i in mine and i not in other]
            theirs = [i for i in ids if i not in old and i in other and i not in mine]
            if not ours or not theirs:
                continue
            contents = {dataclasses.replace(merged[i], id="") for i in ours + theirs}
            if len(contents) == 1:  # the same link or role added twice: keep one
                for record_id in sorted(ours + theirs)[1:]:
                    del merged[record_id]
                continue
            label = names.label(table, merged[ours[0]])
            texts = [", ".join(record_details(table, merged[i]) for i in s) for s in (ours, theirs)]
            labels = result.labels
            found.append(
                MergeConflict(
                    key=f"{table}/{'/'.join(sorted(ours + theirs))}",
                    kind="duplicate",
                    table=table,
                    id=ours[0],
                    field=None,
                    message=f"Both added {label} differently: {labels[0]} {texts[0]}, "
                    f"{labels[1]} {texts[1]}.",
                    base_text="none",
                    ours_text=texts[0],
                    theirs_text=texts[1],
                    take_ours=tuple(Setting(table, i, None, None) for i in theirs),
                    take_theirs=tuple(Setting(table, i, None, None) for i in ours),
                )
            )
    return found


def _cycle_conflicts(result: MergeResult, sides: Sides, names: Names) -> list[MergeConflict]:
    old = result.base.dependencies
    mine, other = sides["dependencies"]
    if not (mine.keys() - old.keys() - other.keys()) or not (
        other.keys() - old.keys() - mine.keys()
    ):
        return []  # a cycle needs new links from both sides
    graph = nx.DiGraph()
    links: dict[tuple[str, str], list[str]] = defaultdict(list)
    for dep in result.tables["dependencies"].values():
        graph.add_edge(dep.predecessor_id, dep.successor_id)
        links[(dep.predecessor_id, dep.successor_id)].append(dep.id)
    found = []
    for cycle in find_cycles(graph):
        edges = zip(cycle, cycle[1:] + cycle[:1], strict=True)
        on_cycle = [d for edge in edges for d in links[edge]]
        ours = [d for d in on_cycle if d not in old and d in mine and d not in other]
        theirs = [d for d in on_cycle if d not in old and d in other and d not in mine]
        if not ours or not theirs:
            continue  # the cycle is in one version already, not made by the merge
        deps = result.tables["dependencies"]
        texts = [
            _listing([names.label("dependencies", deps[d]) for d in s]) for s in (ours, theirs)
        ]
        loop = " → ".join(names.of_id("items", n) for n in [*cycle, cycle[0]])
        labels = result.labels
        found.append(
            MergeConflict(
                key=f"cycle/{'/'.join(sorted(ours + theirs))}",
                kind="cycle",
                table="dependencies",
                id=ours[0],
                field=None,
                message=f"The links {texts[0]} ({labels[0]}) and {texts[1]} ({labels[1]}) "
                f"together close the cycle {loop}.",
                base_text="none",
                ours_text=texts[0],
                theirs_text=texts[1],
                take_ours=tuple(Setting("dependencies", d, None, None) for d in theirs),
                take_theirs=tuple(Setting("dependencies", d, None, None) for d in ours),
            )
        )
    return found
