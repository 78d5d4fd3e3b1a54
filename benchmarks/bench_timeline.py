"""Figures for the timeline: open and show a big release, one drag step, one drop.

Not a timed test: prints medians. A drag step is one mouse move of one day on the chart,
with the preview of every dependent and the repaint it causes; a drop is the release that
pushes the move and refreshes the chart. Runs offscreen unless a display is set.

    .venv/bin/python benchmarks/bench_timeline.py [--sizes 1000 10000] [--steps 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from relplan.samples import synthetic_project
from relplan.storage import save_project
from relplan.ui.document import Document
from relplan.ui.selection import Selection
from relplan.ui.views.timeline_view import TimelineView


def show(document: Document) -> tuple[QWidget, TimelineView]:
    window = QWidget()
    window.resize(1400, 900)
    view = TimelineView(document, Selection(), window)
    view.setGeometry(0, 0, 1400, 900)
    window.show()
    QApplication.processEvents()
    return window, view


def bench_open(path: Path, repeat: int) -> tuple[float, float]:
    """Median ms to open the file, and to open it and show the first painted screen."""
    opened, shown = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        document = Document.open(path)
        middle = time.perf_counter()
        window, view = show(document)
        view.chart.viewport().repaint()
        end = time.perf_counter()
        opened.append((middle - start) * 1000)
        shown.append((end - start) * 1000)
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    return statistics.median(opened), statistics.median(shown)


def drag_items(view: TimelineView, count: int) -> list[str]:
    """Items on screen with the most dependents: the heaviest previews a planner can cause."""
    timeline = view.timeline
    visible = view.chart.visible_scene_rect()
    rows = timeline.rows_between(visible.top() + 30, visible.bottom() - 30)
    ids = [timeline.rows[n].item_id for n in rows if timeline.rows[n].item_id is not None]
    schedule = timeline.schedule
    ids.sort(key=lambda i: -len(schedule.preview_start(i, schedule.es[schedule.index[i]] + 5)))
    return ids[:count]


def bench_drag(view: TimelineView, steps: int) -> tuple[float, float, int]:
    """Median ms of one drag step and of one drop, and the largest preview seen."""
    viewport = view.chart.viewport()
    timeline = view.timeline
    step_times, drop_times, largest = [], [], 0
    for item_id in drag_items(view, 5):
        bar = view.timeline.bars[item_id]
        x = bar.x1 if bar.milestone else (bar.x0 + min(bar.x1, bar.x0 + 40)) / 2
        visible = view.chart.visible_scene_rect()
        x = min(max(x, visible.left() + 20), visible.right() - 200)
        start = view.chart.mapFromScene(QPointF(x, bar.mid_y))
        day = timeline.scale.px_per_day
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        QTest.mouseMove(viewport, start + QPoint(10, 0))
        QApplication.processEvents()
        for n in range(steps):
            offset = int(day * (1 + n % 7))  # back and forth over a week: always a new day
            t0 = time.perf_counter()
            QTest.mouseMove(viewport, start + QPoint(offset, 0))
            QApplication.processEvents()  # includes the repaint
            step_times.append((time.perf_counter() - t0) * 1000)
            largest = max(largest, len(view.chart.drag.preview))
        end = start + QPoint(int(day * 3), 0)
        t0 = time.perf_counter()
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
        QApplication.processEvents()
        drop_times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(step_times), statistics.median(drop_times), largest


def bench(size: int, repeat: int, steps: int) -> None:
    project = synthetic_project(size, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.relplan"
        save_project(project, path)
        opened, shown = bench_open(path, repeat)
        document = Document.open(path)
    window, view = show(document)
    view.set_zoom("day")
    middle = view.timeline.rows[len(view.timeline.rows) // 2]
    view.chart.centerOn(
        view.timeline.bars[middle.item_id or view.timeline.rows[middle.index + 1].item_id].x0 + 400,
        middle.y,
    )
    QApplication.processEvents()
    t0 = time.perf_counter()
    view.set_zoom("week")
    QApplication.processEvents()
    zoom = (time.perf_counter() - t0) * 1000
    view.set_zoom("day")
    QApplication.processEvents()
    step, drop, largest = bench_drag(view, steps)
    deps = len(project.dependencies)
    print(f"\n{size:,} items ({deps:,} dependencies), day zoom, 1400 x 900 window")
    print(f"  open the file (load + schedule)          {opened:8.1f} ms median of {repeat}")
    print(f"  open and show (first screen painted)     {shown:8.1f} ms median of {repeat}")
    print(f"  change zoom (lay out again + paint)      {zoom:8.1f} ms")
    print(f"  one drag step (preview + repaint)        {step:8.2f} ms median of {steps * 5}")
    print(f"    largest preview: {largest:,} items moving with the dragged one")
    print(f"  one drop (push the move + refresh)       {drop:8.1f} ms median of 5")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args()
    QApplication.instance() or QApplication([])
    for size in args.sizes:
        bench(size, args.repeat, args.steps)


if __name__ == "__main__":
    main()
