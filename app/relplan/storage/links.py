"""Checks of the dependency links of a file: releases, repeats and cycles.

The common case, a valid file, is settled with whole-list operations that run in C (one
``map`` or comparison per question); only when a question fails are the links looked at
one by one to say which ones are wrong.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from operator import attrgetter, lt
from typing import TYPE_CHECKING

from relplan.domain import graph, model
from relplan.storage.problems import Problem, error, warning

if TYPE_CHECKING:
    from relplan.storage.checks import Table


def link_problems(project: model.Project, table: Table) -> list[Problem]:
    """Links between releases (errors), links made twice and cycles (warnings)."""
    preds = list(map(attrgetter("predecessor_id"), table.records))
    succs = list(map(attrgetter("successor_id"), table.records))
    problems = _between_releases(project, table, preds, succs)
    problems += _repeated(project, table, preds, succs)
    problems += _cycles(project, preds, succs)
    return problems


def _between_releases(
    project: model.Project, table: Table, preds: list[str], succs: list[str]
) -> list[Problem]:
    items = project.items
    release_of = {item_id: item.release_id for item_id, item in items.items()}
    pred_releases = list(map(release_of.get, preds))
    succ_releases = list(map(release_of.get, succs))
    if pred_releases == succ_releases:
        return []
    problems = []
    for index, (pred_release, succ_release) in enumerate(
        zip(pred_releases, succ_releases, strict=True)
    ):
        if pred_release != succ_release and pred_release and succ_release:
            pred, succ = items[preds[index]], items[succs[index]]
            problems.append(
                error(
                    table.where(index),
                    f"it links '{pred.name}' and '{succ.name}', which belong to different releases",
                    "dependencies link items of one release; remove this one",
                )
            )
    return problems


def _repeated(
    project: model.Project, table: Table, preds: list[str], succs: list[str]
) -> list[Problem]:
    pairs = list(zip(preds, succs, strict=True))
    if len(set(pairs)) == len(pairs):
        return []
    items = project.items
    problems = []
    seen: dict[tuple[str, str], str] = {}
    for index, pair in enumerate(pairs):
        if pair not in seen:
            seen[pair] = table.keys[index]
        elif pair[0] in items and pair[1] in items:
            pred, succ = items[pair[0]], items[pair[1]]
            problems.append(
                warning(
                    table.where(index),
                    f"'{succ.name}' depends on '{pred.name}' a second time (also row {seen[pair]})",
                    "only one of the two links is used; delete the other",
                )
            )
    return problems


def _cycles(project: model.Project, preds: list[str], succs: list[str]) -> list[Problem]:
    """One warning per dependency cycle; the file opens and the scheduler breaks the cycle."""
    tangled = _releases_with_cycles(project, preds, succs)
    problems = []
    for release_id, release in project.releases.items():
        if release_id not in tangled:
            continue
        for cycle in graph.find_cycles(graph.release_graph(project, release_id)):
            problems.append(
                warning(
                    f"release '{release.name}'",
                    f"the dependencies form a cycle: {graph.describe_cycle(project, cycle)}",
                    "the schedule ignores one link of the cycle; remove a link to break it",
                )
            )
    return problems


def _releases_with_cycles(project: model.Project, preds: list[str], succs: list[str]) -> set[str]:
    """The releases whose items are left over by a topological sort (Kahn's algorithm).

    Cheaper than building a networkx graph of every release when, as usual, there is no
    cycle; the cycles themselves are then found and named by :mod:`relplan.domain.graph`.
    """
    items = project.items
    # Most files list items in an order that already has every predecessor first (the
    # order they were planned in); then there is no cycle and no sort is needed.
    position = dict(zip(items, range(len(items)), strict=True))
    pred_positions = list(map(position.get, preds))
    succ_positions = list(map(position.get, succs))
    if (
        None not in pred_positions
        and None not in succ_positions
        and all(map(lt, pred_positions, succ_positions))
    ):
        return set()
    links = [(p, s) for p, s in zip(preds, succs, strict=True) if p in items and s in items]
    waiting = Counter(s for _p, s in links)  # unfinished predecessors per item
    successors = defaultdict(list)
    for pred, succ in links:
        successors[pred].append(succ)
    ready = [node for node in successors if node not in waiting]
    while ready:
        for succ in successors.get(ready.pop(), ()):
            waiting[succ] -= 1
            if not waiting[succ]:
                ready.append(succ)
    return {items[node].release_id for node, count in waiting.items() if count}
