"""The charts in the plan: the tiled timeline, the tile map and the dependency graph."""

from __future__ import annotations

import pytest
from pdf_support import AS_OF, RELEASE, all_text, outline_titles, pages_text

from relplan.export.layout import TimelineLayout
from relplan.export.pdf import PlanOptions, export_plan
from relplan.export.pdf.facts import release_facts
from relplan.export.pdf.graph import MAX_ITEMS, NODE_H, NODE_W, NetworkDiagram
from relplan.export.pdf.pages import PageSetup
from relplan.export.pdf.timeline import SCALE, TimelineChart
from relplan.samples import sample_project, synthetic_project


@pytest.fixture(scope="module")
def facts():
    project = sample_project()
    return release_facts(project, project.release_by_name(RELEASE), AS_OF)


def chart_for(facts, setup: PageSetup) -> TimelineChart:
    layout = TimelineLayout(facts.project, facts.schedule, "week", facts.as_of)
    return TimelineChart(facts, layout, setup.frame_width, setup.frame_height - 1)


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_tiles_cover_every_row_and_fit_the_page(facts, orientation):
    chart = chart_for(facts, PageSetup("A4", orientation))
    bands = chart.row_bands()
    covered = [n for band in bands for n in band]
    assert covered == list(range(len(chart.layout.rows)))
    assert all(len(band) <= chart.rows_per_tile for band in bands)
    for x0, x1 in chart.column_spans():
        assert (x1 - x0) * SCALE <= chart.chart_w + 0.01
    assert len(bands) > 1  # tiled, not shrunk onto one page


def test_a_band_does_not_end_on_a_lonely_phase_header(facts):
    chart = chart_for(facts, PageSetup("A4", "landscape"))
    rows = chart.layout.rows
    for band in chart.row_bands()[:-1]:
        assert not rows[band.stop - 1].is_header


def test_empty_tiles_are_left_out_and_every_bar_is_on_a_tile(facts):
    chart = chart_for(facts, PageSetup("A4", "landscape"))
    specs = chart.tiles()
    assert len(specs) < len(chart.row_bands()) * len(chart.column_spans())
    layout = chart.layout
    for row in layout.rows:
        if row.item_id is None:
            continue
        bar = layout.bars[row.item_id]
        assert any(
            row.index in spec.rows and spec.x0 <= max(bar.x0, 0) < spec.x1 for spec in specs
        ), row.label


def test_graph_boxes_never_overlap_and_each_is_on_one_page(facts):
    setup = PageSetup("A4", "landscape")
    diagram = NetworkDiagram(facts, setup.frame_width, setup.frame_height - 1)
    nodes = list(diagram.nodes.values())
    assert len(nodes) == len(facts.items)
    spots = {(round(n.x), round(n.y)) for n in nodes}
    assert len(spots) == len(nodes)
    for a in nodes:
        for b in nodes:
            if a is not b:
                assert abs(a.x - b.x) >= NODE_W or abs(a.y - b.y) >= NODE_H
    pages = diagram.flowables()
    for node in nodes:
        holders = [
            p for p in pages if p.tile.x0 <= node.x < p.tile.x1 and p.tile.y0 <= node.y < p.tile.y1
        ]
        assert len(holders) == 1
        tile = holders[0].tile
        assert node.x + NODE_W <= tile.x1 and node.y + NODE_H <= tile.y1


def test_a_large_release_prints_many_tiles_and_the_critical_path_instead_of_a_graph(tmp_path):
    project = synthetic_project(MAX_ITEMS + 50, seed=3)
    release = next(iter(project.releases.values()))
    path = tmp_path / "large.pdf"
    options = PlanOptions(sections=("timeline", "graph"), as_of=AS_OF)
    pages = export_plan(project, release, path, options)
    assert pages > 15
    text = all_text(path)
    assert "the full graph would not be readable on paper" in text
    assert "Critical item" in text
    titles = outline_titles(path)
    assert sum(t.startswith("Rows ") for t in titles) >= 10
    # Each timeline page repeats the axis.
    tiles = [t for t in pages_text(path) if "\nTimeline\n" in t]
    assert all("2027" in t for t in tiles)
