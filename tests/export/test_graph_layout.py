"""The dependency graph's geometry, without Qt: columns, order, routes, summaries, hits."""

from __future__ import annotations

import itertools
from datetime import date

import networkx as nx
import pytest

from relplan.domain import edits
from relplan.domain.graph import release_graph
from relplan.domain.model import (
    Constraint,
    ConstraintKind,
    Dependency,
    ItemKind,
    Phase,
    Project,
    Release,
)
from relplan.domain.schedule import ReleaseSchedule
from relplan.export import graph_layout
from relplan.export.graph_layout import (
    MILESTONE,
    SUMMARY,
    TASK,
    GraphLayout,
    default_collapsed,
    polyline,
    summary_key,
)
from relplan.export.graph_order import count_crossings, generations, order_columns, pack
from relplan.samples import sample_project, synthetic_project
from timeline_release import small_release


def layout_of(project: Project, release_id: str | None = None, collapsed=()) -> GraphLayout:
    release = (
        project.releases[release_id]
        if release_id
        else max(project.releases.values(), key=lambda r: len(project.release_items(r.id)))
    )
    return GraphLayout(project, ReleaseSchedule(project, release), collapsed)


def column_of(graph: GraphLayout) -> dict[str, int]:
    return {key: n for n, column in enumerate(graph.columns) for key in column}


# --- columns ------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [small_release, sample_project, lambda: synthetic_project(300)])
def test_every_link_runs_left_to_right_into_a_later_column(make):
    project = make()
    graph = layout_of(project)
    columns = column_of(graph)
    for dep in project.dependencies.values():
        if dep.predecessor_id in columns and dep.successor_id in columns:
            assert columns[dep.predecessor_id] < columns[dep.successor_id], dep
            edge = graph.edges[dep.id]
            assert not edge.backward
            assert edge.points[0][0] < edge.points[-1][0]


def test_columns_are_the_topological_generations():
    project = sample_project()
    graph = layout_of(project)
    expected = [
        set(generation)
        for generation in nx.topological_generations(release_graph(project, graph.release.id))
    ]
    assert [set(column) for column in graph.columns] == expected


def test_small_release_columns_and_shapes():
    graph = layout_of(small_release())
    assert [sorted(c) for c in graph.columns] == [
        ["kickoff"], ["build", "docs"], ["test"], ["uat"], ["golive"],
    ]  # fmt: skip
    assert graph.nodes["kickoff"].kind == MILESTONE
    assert graph.nodes["build"].kind == TASK
    # A milestone's links meet its diamond, in the middle of the column.
    kickoff = graph.nodes["kickoff"]
    assert kickoff.x < kickoff.in_x < kickoff.out_x < kickoff.x + kickoff.width


def test_layout_is_deterministic():
    project = synthetic_project(400, seed=3)
    one, two = layout_of(project), layout_of(project)
    assert one.columns == two.columns
    assert one.nodes == two.nodes
    assert one.edges == two.edges


def test_boxes_in_a_column_never_overlap():
    graph = layout_of(synthetic_project(300, seed=2))
    for column in graph.columns:
        boxes = sorted((graph.nodes[k] for k in column), key=lambda n: n.y)
        for upper, lower in itertools.pairwise(boxes):
            assert upper.y + upper.height < lower.y
            assert upper.x == lower.x


def test_long_links_run_through_their_own_slots_not_through_boxes():
    graph = layout_of(sample_project())
    for edge in graph.edges.values():
        line = polyline(edge.points)
        for node in graph.nodes.values():
            if node.key in (edge.source, edge.target):
                continue
            inside = [p for p in line if node.contains(p[0], p[1], margin=-2)]
            assert not inside, (edge.key, node.key)


def test_chains_run_straight():
    """A plain chain is drawn on one level: every link is a straight line."""
    graph = layout_of(small_release())
    for key in ("build-test", "test-uat", "uat-golive"):
        ys = {y for _x, y in graph.edges[key].points}
        assert len(ys) == 1, key


# --- ordering -----------------------------------------------------------------------------


def test_barycentre_sweeps_untangle_crossed_links():
    # 0 -> 3, 1 -> 2: drawn in index order the two links cross.
    columns = [[0, 1], [2, 3]]
    preds = [[], [], [1], [0]]
    succs = [[3], [2], [], []]
    assert count_crossings(columns, succs) == 1
    ordered = order_columns(columns, preds, succs)
    assert count_crossings(ordered, succs) == 0


def test_ordering_never_makes_crossings_worse():
    graph = layout_of(synthetic_project(300, seed=5))
    assert graph.crossings >= 0
    # Numbered in layout order, the placed graph has no more crossings than its
    # columns in plain phase-then-start order would.
    project = synthetic_project(300, seed=5)
    schedule = graph.schedule
    plain = [sorted(c, key=lambda k: schedule.es[schedule.index[k]]) for c in graph.columns]
    index = {k: n for n, k in enumerate(project.items)}
    succs: list[list[int]] = [[] for _ in index]
    for dep in project.dependencies.values():
        succs[index[dep.predecessor_id]].append(index[dep.successor_id])
    as_ints = [[index[k] for k in column] for column in plain]
    ordered = [[index[k] for k in column] for column in graph.columns]
    assert count_crossings(ordered, succs) <= count_crossings(as_ints, succs)


def test_generations_break_a_cycle_and_report_the_left_out_link():
    rank, back = generations(3, [(0, 1), (1, 2), (2, 0)])
    assert back == [False, False, True]
    assert rank == [0, 1, 2]
    rank, back = generations(2, [(0, 0), (0, 1)])
    assert back == [True, False]
    assert rank == [0, 1]


def test_pack_keeps_order_and_spacing_as_close_as_it_can():
    assert pack([0.0, 50.0], [10.0]) == [0.0, 50.0]  # already apart: unchanged
    assert pack([0.0, 0.0], [10.0]) == [-5.0, 5.0]  # squeezed: moved apart evenly
    assert pack([10.0, 0.0, 100.0], [10.0, 10.0]) == [0.0, 10.0, 100.0]


# --- summaries ----------------------------------------------------------------------------


def test_a_collapsed_phase_is_one_summary_with_bundled_links():
    project = small_release()
    graph = layout_of(project, "rel", collapsed={Phase.BUILD})
    key = summary_key(Phase.BUILD)
    summary = graph.nodes[key]
    assert summary.kind == SUMMARY and summary.is_summary
    assert set(summary.item_ids) == {"build", "docs"}
    assert graph.node_of["build"] == graph.node_of["docs"] == key
    # kickoff -> build and kickoff -> docs become one bundle of two links.
    bundle = graph.edges[f"kickoff>{key}"]
    assert set(bundle.dependency_ids) == {"kickoff-build", "kickoff-docs"}
    assert bundle.dependency_id is None
    assert graph.link_text(bundle) == "×2"
    assert graph.edges[f"{key}>test"].dependency_ids == ("build-test",)
    assert graph.summary_facts[key][2] >= 1  # Build API is critical
    assert graph.dates_text(summary) == "2 Mar – 8 Mar"


def test_big_releases_start_collapsed():
    assert default_collapsed(graph_layout.COLLAPSE_ABOVE) == frozenset()
    assert default_collapsed(graph_layout.COLLAPSE_ABOVE + 1) == frozenset(Phase)
    project = synthetic_project(1000, seed=1)
    graph = layout_of(project, collapsed=default_collapsed(1000))
    assert len(graph.nodes) == 6
    assert sum(len(n.item_ids) for n in graph.nodes.values()) == 1000
    assert graph.phase_counts[Phase.BUILD] > 300


# --- dates, conflicts and cycles ------------------------------------------------------------


def test_refresh_takes_new_dates_and_conflicts_without_moving_anything():
    project = small_release()
    schedule = ReleaseSchedule(project, project.releases["rel"])
    graph = GraphLayout(project, schedule)
    nodes, edges = dict(graph.nodes), dict(graph.edges)
    assert "build" in graph.critical and not graph.conflict_items
    pin = Constraint(ConstraintKind.MUST_FINISH_ON, date(2027, 3, 3))
    edits.apply_changes(project, edits.set_constraint(project, "build", pin))
    schedule.update({"build"})
    graph.refresh()
    assert graph.nodes == nodes and graph.edges == edges
    assert "build" in graph.conflict_items
    assert graph.has_conflict(graph.nodes["build"])
    assert graph.edge_has_conflict(graph.edges["kickoff-build"])
    assert graph.conflict_text["build"]


def test_critical_links_follow_the_critical_path():
    graph = layout_of(small_release())
    assert graph.edge_is_critical(graph.edges["build-test"])
    assert not graph.edge_is_critical(graph.edges["kickoff-docs"])
    assert graph.link_text(graph.edges["test-uat"]) == "SS +1d"
    assert graph.link_text(graph.edges["build-test"]) == ""


def test_a_file_with_a_cycle_draws_the_closing_link_backwards():
    project = small_release()
    project.add(Dependency("loop", "golive", "build"))  # as a damaged file would hold it
    graph = layout_of(project, "rel")
    loops = [e for e in graph.edges.values() if e.backward]
    assert len(loops) == 1
    assert graph.edge_has_conflict(loops[0])
    assert loops[0].right > max(p[0] for p in loops[0].points)  # it swings out


# --- finding things -----------------------------------------------------------------------


def test_hit_testing_finds_boxes_and_links():
    graph = layout_of(small_release())
    build = graph.nodes["build"]
    assert graph.node_at(build.x + 20, build.y + 10) is build
    assert graph.node_at(build.x - 20, build.y - 20) is None
    edge = graph.edges["kickoff-docs"]
    line = polyline(edge.points)
    x, y = line[len(line) // 2]
    assert graph.edge_at(x, y + 2) is edge
    assert graph.edge_at(x, y + 40) is None or graph.edge_at(x, y + 40) is not edge
    assert graph.edge_at(-100, -100) is None


def test_rectangle_queries_return_what_is_inside():
    graph = layout_of(synthetic_project(400, seed=4))
    x0, y0, x1, y1 = 300.0, 200.0, 900.0, 700.0
    found = {n.key for n in graph.nodes_in(x0, y0, x1, y1)}
    expected = {
        n.key
        for n in graph.nodes.values()
        if n.x <= x1 and n.x + n.width >= x0 and n.y <= y1 and n.y + n.height >= y0
    }
    assert found == expected
    links = {e.key for e in graph.edges_in(x0, y0, x1, y1)}
    expected_links = {
        e.key
        for e in graph.edges.values()
        if e.left <= x1 and e.right >= x0 and e.top <= y1 and e.bottom >= y0
    }
    assert links == expected_links


def test_an_empty_release_lays_out_nothing():
    project = Project()
    project.add(Release("r", "Empty", start=date(2027, 1, 4)))
    graph = layout_of(project, "r")
    assert graph.nodes == {} and graph.edges == {} and graph.columns == []
    assert graph.node_at(10, 10) is None


def test_a_lone_milestone_is_one_column():
    project = Project()
    project.add(Release("r", "One", start=date(2027, 1, 4)))
    edits.apply_changes(
        project,
        edits.add_item(project, "r", "Go", ItemKind.MILESTONE, Phase.DEPLOY, item_id="go"),
    )
    graph = layout_of(project, "r")
    assert graph.columns == [["go"]]
    assert graph.dates_text(graph.nodes["go"]) == "4 Jan"
