"""A release as a networkx dependency graph: building it, cycles, order, paths.

Nodes are work item ids (attribute ``item``); an edge runs from predecessor to successor
and carries its :class:`Dependency` as attribute ``dep``. Functions here never mutate the
project or a graph they are given.
"""

from __future__ import annotations

from collections import deque

import networkx as nx

from relplan.domain.model import Dependency, Project


def release_graph(project: Project, release_id: str) -> nx.DiGraph:
    """The dependency graph of one release's work items."""
    graph = nx.DiGraph()
    graph.add_nodes_from(
        (item.id, {"item": item})
        for item in project.items.values()
        if item.release_id == release_id
    )
    graph.add_edges_from(
        (dep.predecessor_id, dep.successor_id, {"dep": dep})
        for dep in project.dependencies.values()
        if dep.predecessor_id in graph and dep.successor_id in graph
    )
    return graph


def find_cycles(graph: nx.DiGraph) -> list[list[str]]:
    """One cycle (as a list of node ids, first node not repeated) per tangled group of nodes.

    Every strongly connected component with more than one node, or a self loop, yields one
    cycle, so a planner sees each knot once instead of every combination of its loops.
    """
    # Components are sets (their order changes from run to run with string hashing): walk
    # each from its first node in the project's order, so messages are the same every run.
    order = {node: n for n, node in enumerate(graph)}
    cycles = []
    for component in nx.strongly_connected_components(graph):
        first = min(component, key=order.__getitem__)
        if len(component) == 1:
            if graph.has_edge(first, first):
                cycles.append([first])
            continue
        edges = nx.find_cycle(graph.subgraph(component), source=first)
        cycle = [u for u, _v in edges]
        start = min(range(len(cycle)), key=lambda k: order[cycle[k]])
        cycles.append(cycle[start:] + cycle[:start])
    cycles.sort(key=lambda cycle: order[cycle[0]])
    return cycles


def acyclic_edges(graph: nx.DiGraph) -> tuple[list[tuple[str, str]], list[list[str]]]:
    """Edges to leave out so the rest is acyclic, and the cycles they break.

    A file with a cycle still opens and schedules; the left-out links are reported.
    """
    if nx.is_directed_acyclic_graph(graph):
        return [], []
    work = graph.copy()
    dropped: list[tuple[str, str]] = []
    cycles: list[list[str]] = []
    while True:
        found = find_cycles(work)
        if not found:
            return dropped, cycles
        for cycle in found:
            cycles.append(cycle)
            closing = (cycle[-1], cycle[0])
            work.remove_edge(*closing)
            dropped.append(closing)


def cycle_through(project: Project, predecessor_id: str, successor_id: str) -> list[str] | None:
    """The cycle a new link predecessor -> successor would close, or None.

    Returned as node ids starting at the predecessor: pred, succ, ..., (back to pred).
    """
    successors: dict[str, list[str]] = {}
    for dep in project.dependencies.values():
        successors.setdefault(dep.predecessor_id, []).append(dep.successor_id)
    # Breadth-first from the successor: a path back to the predecessor closes a cycle.
    parent: dict[str, str | None] = {successor_id: None}
    queue = deque([successor_id])
    while queue:
        node = queue.popleft()
        if node == predecessor_id:
            path = []
            step: str | None = node
            while step is not None:
                path.append(step)
                step = parent[step]
            path.reverse()  # successor ... predecessor
            return [predecessor_id, *path[:-1]]
        for nxt in successors.get(node, ()):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return None


def describe_cycle(project: Project, cycle: list[str]) -> str:
    """'A' → 'B' → 'C' → 'A': a cycle named the way a planner reads it."""
    names = [f"'{project.items[n].name}'" if n in project.items else n for n in cycle]
    return " → ".join([*names, names[0]])


def dependencies_of(project: Project, item_id: str) -> tuple[list[Dependency], list[Dependency]]:
    """The links into (predecessors) and out of (successors) one item."""
    into = [d for d in project.dependencies.values() if d.successor_id == item_id]
    out = [d for d in project.dependencies.values() if d.predecessor_id == item_id]
    return into, out
