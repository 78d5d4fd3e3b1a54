"""Figures for the dependency graph: lay out, open and paint, repaint, refresh after edits.

Not a timed test: prints medians. "Collapsed" is how a big release opens (one summary per
phase); "Build expanded" is the biggest phase shown box by box; "all expanded" is every
item at once. A date move refreshes flags and repaints without a new layout; a new link
lays the graph out again. Runs offscreen unless a display is set.

    .venv/bin/python benchmarks/bench_graph.py [--sizes 1000 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from relplan.domain import edits
from relplan.domain.model import Phase
from relplan.export.graph_layout import GraphLayout, default_collapsed
from relplan.samples import synthetic_project
from relplan.ui.document import Document
from relplan.ui.selection import Selection
from relplan.ui.views.graph_view import GraphView


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def show(document: Document) -> tuple[QWidget, GraphView]:
    window = QWidget()
    window.resize(1400, 900)
    view = GraphView(document, Selection(), window)
    view.setGeometry(0, 0, 1400, 900)
    window.show()
    QApplication.processEvents()
    view.canvas.viewport().repaint()
    return window, view


def repaint_ms(view: GraphView, repeat: int) -> float:
    viewport = view.canvas.viewport()
    return median_ms(viewport.repaint, repeat)


def row(label: str, ms: float, note: str = "") -> None:
    print(f"  {label:<46}{ms:9.1f} ms  {note}")


def bench(size: int, repeat: int) -> None:
    project = synthetic_project(size, seed=1)
    document = Document(project)
    release = next(r for r in project.releases.values() if project.release_items(r.id))
    schedule = document.schedules[release.id]
    phases = {
        "collapsed": default_collapsed(size),
        "Build expanded": frozenset(Phase) - {Phase.BUILD},
        "all expanded": frozenset(),
    }
    print(f"\n{size:,} items ({len(project.dependencies):,} links), 1400 x 900 view")
    for label, collapsed in phases.items():
        ms = median_ms(lambda c=collapsed: GraphLayout(project, schedule, c), repeat)
        nodes = len(GraphLayout(project, schedule, collapsed).nodes)
        row(f"lay out, {label} ({nodes:,} nodes)", ms, f"median of {repeat}")

    opened = []
    for _ in range(repeat):
        start = time.perf_counter()
        window, view = show(document)
        opened.append((time.perf_counter() - start) * 1000)
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    row("open the tab and paint it", statistics.median(opened), f"median of {repeat}")

    window, view = show(document)
    zoom = f"{view.canvas.scale_factor:.0%}"
    row(f"repaint as opened ({zoom} zoom)", repaint_ms(view, 20), "median of 20")
    start = time.perf_counter()
    view.expand_phase(Phase.BUILD)
    QApplication.processEvents()
    view.canvas.viewport().repaint()
    row("expand Build (lay out + paint)", (time.perf_counter() - start) * 1000)
    graph = view.graph
    view.canvas.set_scale(1.0)
    view.canvas.centerOn(graph.width / 2, graph.height / 2)
    QApplication.processEvents()
    row("repaint, Build expanded, 100 % zoom", repaint_ms(view, 20), "median of 20")
    view.canvas.fit()
    QApplication.processEvents()
    zoom = f"{view.canvas.scale_factor:.0%}"
    row(f"repaint, Build expanded, fit ({zoom})", repaint_ms(view, 5), "median of 5")
    view.canvas.set_scale(1.0)
    view.canvas.centerOn(graph.width / 2, graph.height / 2)
    QApplication.processEvents()

    build = [n.key for n in graph.nodes.values() if not n.is_summary]
    item_id = build[len(build) // 2]

    def move() -> None:
        s = document.schedules[release.id]
        day = s.index_to_start_date(item_id, s.es[s.index[item_id]] + 1)
        document.push(edits.move_item(document.project, item_id, day))
        view.canvas.viewport().repaint()

    ms = median_ms(move, repeat)
    row("move an item a day (push, refresh, paint)", ms, f"layout kept: {view.graph is graph}")
    start = time.perf_counter()
    ok = view.link_nodes(build[0], build[-1])
    view.canvas.viewport().repaint()
    row(
        "add a link (push, new layout, paint)",
        (time.perf_counter() - start) * 1000,
        f"linked: {ok}",
    )
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    QApplication.instance() or QApplication([])
    for size in args.sizes:
        bench(size, args.repeat)


if __name__ == "__main__":
    main()
