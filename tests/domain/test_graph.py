"""The dependency graph of a release: what depends on what, and knots in hand-edited files."""

from __future__ import annotations

import copy
from datetime import date

import networkx as nx

from relplan.domain.graph import (
    acyclic_edges,
    cycle_through,
    dependencies_of,
    describe_cycle,
    find_cycles,
    release_graph,
)
from relplan.domain.model import Dependency, DependencyType, Project, Release, WorkItem


def project_with(names: str, links: list[tuple[str, str]], release: str = "r1") -> Project:
    """Items named by single letters in one release, linked FS as given (no checks)."""
    project = Project("Graph")
    for rid in ("r1", "r2"):
        project.add(Release(rid, rid.upper(), start=date(2027, 3, 1)))
    for name in names:
        project.add(WorkItem(name, release, name))
    for pred, succ in links:
        project.add(Dependency(f"{pred}{succ}", pred, succ))
    return project


def test_the_graph_holds_one_release_and_carries_each_link():
    project = project_with("ABC", [("A", "B"), ("B", "C")])
    project.add(WorkItem("X", "r2", "Other release"))
    graph = release_graph(project, "r1")
    assert set(graph.nodes) == {"A", "B", "C"}
    assert graph.nodes["A"]["item"] is project.items["A"]
    assert graph.edges["A", "B"]["dep"] is project.dependencies["AB"]
    assert set(release_graph(project, "r2").nodes) == {"X"}


def test_building_the_graph_leaves_the_project_alone():
    project = project_with("ABC", [("A", "B"), ("B", "A")])
    before = copy.deepcopy(project)
    graph = release_graph(project, "r1")
    acyclic_edges(graph)
    assert project == before
    assert graph.has_edge("A", "B") and graph.has_edge("B", "A")


def test_a_clean_release_has_no_cycles_and_drops_nothing():
    graph = release_graph(project_with("ABCD", [("A", "B"), ("A", "C"), ("B", "D")]), "r1")
    assert find_cycles(graph) == []
    assert acyclic_edges(graph) == ([], [])


def test_each_knot_is_reported_once():
    # A<->B<->C is one knot with two loops; D->E->D is another; F is fine.
    links = [("A", "B"), ("B", "A"), ("B", "C"), ("C", "B"), ("D", "E"), ("E", "D"), ("C", "F")]
    cycles = find_cycles(release_graph(project_with("ABCDEF", links), "r1"))
    assert len(cycles) == 2
    knots = sorted(frozenset(c) for c in cycles)
    assert {"D", "E"} in knots
    assert any(knot <= {"A", "B", "C"} for knot in knots)


def test_a_self_link_is_a_cycle_of_one():
    graph = release_graph(project_with("AB", [("A", "A"), ("A", "B")]), "r1")
    assert find_cycles(graph) == [["A"]]
    dropped, cycles = acyclic_edges(graph)
    assert dropped == [("A", "A")]
    assert cycles == [["A"]]


def test_leaving_out_the_closing_links_breaks_every_cycle():
    links = [("A", "B"), ("B", "C"), ("C", "A"), ("B", "A"), ("C", "D"), ("D", "E"), ("E", "C")]
    graph = release_graph(project_with("ABCDE", links), "r1")
    dropped, cycles = acyclic_edges(graph)
    rest = graph.copy()
    rest.remove_edges_from(dropped)
    assert nx.is_directed_acyclic_graph(rest)
    assert cycles  # every dropped link was part of a reported cycle
    for cycle, (u, v) in zip(cycles, dropped, strict=True):
        assert (u, v) == (cycle[-1], cycle[0])
        for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
            assert graph.has_edge(a, b)


def test_a_new_link_that_closes_a_cycle_is_found_with_its_path():
    project = project_with("ABCD", [("A", "B"), ("B", "C"), ("C", "D")])
    # D -> A would close A -> B -> C -> D -> A; the path starts at the new predecessor.
    assert cycle_through(project, "D", "A") == ["D", "A", "B", "C"]
    assert cycle_through(project, "A", "D") is None  # a shortcut is not a cycle
    assert cycle_through(project, "C", "B") == ["C", "B"]


def test_the_shortest_cycle_is_named():
    project = project_with("ABCDE", [("A", "B"), ("B", "C"), ("C", "D"), ("A", "D")])
    assert cycle_through(project, "D", "A") == ["D", "A"]


def test_a_cycle_reads_like_a_planner_says_it():
    project = project_with("", [])
    for item_id, name in [("b", "Build"), ("t", "Test"), ("d", "Deploy")]:
        project.add(WorkItem(item_id, "r1", name))
    assert describe_cycle(project, ["b", "t", "d"]) == "'Build' → 'Test' → 'Deploy' → 'Build'"
    assert describe_cycle(project, ["b"]) == "'Build' → 'Build'"
    # An id with no item (a dangling link in a damaged file) is still shown.
    assert describe_cycle(project, ["b", "gone"]) == "'Build' → gone → 'Build'"


def test_links_into_and_out_of_an_item():
    project = project_with("ABCD", [("A", "B"), ("C", "B"), ("B", "D")])
    into, out = dependencies_of(project, "B")
    assert {d.id for d in into} == {"AB", "CB"}
    assert [d.id for d in out] == ["BD"]
    assert dependencies_of(project, "A") == ([], [project.dependencies["AB"]])


def test_links_keep_their_type_and_lag_on_the_graph():
    project = project_with("AB", [])
    project.add(Dependency("ab", "A", "B", DependencyType.SS, -2))
    dep = release_graph(project, "r1").edges["A", "B"]["dep"]
    assert (dep.type, dep.lag) == (DependencyType.SS, -2)


def test_a_cycle_is_named_the_same_way_in_every_process(tmp_path):
    import subprocess
    import sys

    script = (
        "from relplan.domain.graph import find_cycles\n"
        "import networkx as nx\n"
        "g = nx.DiGraph()\n"
        "g.add_edges_from([('kick', 'a'), ('a', 'b'), ('b', 'c'), ('c', 'a'), ('x', 'y'),"
        " ('y', 'x')])\n"
        "print(find_cycles(g))\n"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": str(seed)},
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert seen == {"[['a', 'b', 'c'], ['x', 'y']]\n"}
