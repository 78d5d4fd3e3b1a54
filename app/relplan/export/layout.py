"""Timeline geometry shared by the screen and the PDF: rows, bars, arrows, axis, shading.

Everything here is plain data in points (= pixels on screen at 100 %), computed from a
:class:`~relplan.domain.schedule.ReleaseSchedule` and a zoom level. The x axis runs over
calendar days (weekends and holidays are shaded, not hidden), so a date always sits at
the same x. Nothing here draws: the timeline view paints these shapes with Qt, the PDF
export with ReportLab (DESIGN.md §2, "the same layout code").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from relplan.domain.calendar import format_day
from relplan.domain.model import DependencyType, Phase, Project
from relplan.domain.schedule import ReleaseSchedule
from relplan.export.layout_axis import (
    PX_PER_DAY,
    ZOOMS,
    AxisCell,
    Scale,
    Shade,
    axis_cells,
    chart_span,
    shades,
)

__all__ = [
    "ARROW_STUB",
    "BAR_HEIGHT",
    "MILESTONE_SIZE",
    "PX_PER_DAY",
    "ROW_HEIGHT",
    "ZOOMS",
    "Arrow",
    "AxisCell",
    "Bar",
    "LazyMap",
    "Row",
    "Scale",
    "Shade",
    "TimelineLayout",
    "route",
]

ROW_HEIGHT = 26.0
BAR_HEIGHT = 14.0
MILESTONE_SIZE = 14.0  # the diamond's width and height
ARROW_STUB = 8.0  # how far a connector runs straight out of a bar before it turns
T = TypeVar("T")
_BUCKET_ROWS = 64  # arrows are indexed by blocks of rows so a repaint finds them quickly
_LONG_BLOCKS = 4  # an arrow spanning more blocks than this is checked on every query instead


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the chart: a phase header (``item_id`` None) or a work item."""

    index: int
    y: float
    height: float
    label: str
    phase: Phase
    item_id: str | None = None

    @property
    def is_header(self) -> bool:
        return self.item_id is None

    @property
    def mid_y(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True, slots=True)
class Bar:
    """A task bar (``x0`` .. ``x1``) or a milestone diamond (``x0 == x1``: its day's end)."""

    item_id: str
    row: int
    x0: float
    x1: float
    y0: float
    y1: float
    milestone: bool
    start: date
    finish: date
    start_index: int
    end_index: int
    progress: int = 0
    critical: bool = False
    conflict: bool = False

    @property
    def mid_y(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def start_x(self) -> float:
        """Where an arrow leaves or enters the item's start."""
        return self.x1 - MILESTONE_SIZE / 2 if self.milestone else self.x0

    @property
    def end_x(self) -> float:
        """Where an arrow leaves or enters the item's end."""
        return self.x1 + MILESTONE_SIZE / 2 if self.milestone else self.x1


@dataclass(frozen=True, slots=True)
class Arrow:
    """A dependency connector: right-angled ``points``; the head points along the last leg."""

    dependency_id: str
    predecessor_id: str
    successor_id: str
    type: DependencyType
    points: tuple[tuple[float, float], ...]
    critical: bool = False
    conflict: bool = False
    top: float = 0.0  # the extent of the points, kept for fast culling
    bottom: float = 0.0
    left: float = 0.0
    right: float = 0.0

    @property
    def y_span(self) -> tuple[float, float]:
        return self.top, self.bottom


def route(
    sx: float, sy: float, s_dir: int, tx: float, ty: float, t_dir: int, turn_y: float
) -> tuple[tuple[float, float], ...]:
    """A right-angled connector from (sx, sy) leaving in ``s_dir`` (+1 right, -1 left) to
    (tx, ty) arriving while travelling in ``t_dir``.

    Three legs when the target can be reached directly, otherwise five legs that cross at
    ``turn_y`` (the boundary between the two rows) so the line never runs through a bar.
    """
    a = sx + s_dir * ARROW_STUB  # first turn, just out of the source
    b = tx - t_dir * ARROW_STUB  # last turn, just before the target
    if s_dir != t_dir:
        xm = min(a, b) if s_dir < 0 else max(a, b)
        return ((sx, sy), (xm, sy), (xm, ty), (tx, ty))
    if (b - a) * s_dir >= 0:
        return ((sx, sy), (a, sy), (a, ty), (tx, ty))
    return ((sx, sy), (a, sy), (a, turn_y), (b, turn_y), (b, ty), (tx, ty))


class LazyMap(Mapping[str, T]):
    """Shapes by id, each computed when first asked for: most rows are never on screen."""

    def __init__(self, make: Callable[[str], T], ids: Iterable[str]) -> None:
        self._make = make
        self._ids = list(ids)
        self._known = set(self._ids)
        self._made: dict[str, T] = {}

    def __getitem__(self, key: str) -> T:
        value = self._made.get(key)
        if value is None:
            if key not in self._known:
                raise KeyError(key)
            value = self._made[key] = self._make(key)
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def made(self, key: str) -> T | None:
        """The shape computed so far for ``key``, or None (computes nothing)."""
        return self._made.get(key)

    def forget(self, keys: Iterable[str] | None = None) -> None:
        """Drop computed shapes (all of them with None); they are computed again when asked."""
        if keys is None:
            self._made.clear()
            return
        for key in keys:
            self._made.pop(key, None)


class TimelineLayout:
    """The geometry of one release at one zoom; :meth:`update` refreshes moved items only.

    ``rows``, the axis and the shading are computed up front; ``bars`` and ``arrows`` are
    mappings computed per id when first read, so a 10,000-item release lays out at once
    and the screen pays only for the rows it shows (the PDF reads them all).
    """

    def __init__(
        self,
        project: Project,
        schedule: ReleaseSchedule,
        zoom: str = "week",
        today: date | None = None,
    ) -> None:
        if zoom not in ZOOMS:
            raise ValueError(f"unknown zoom {zoom!r}; use one of {', '.join(ZOOMS)}")
        self.project = project
        self.schedule = schedule
        self.zoom = zoom
        self.today = today
        release = schedule.release
        self.release = release
        finish = schedule.finish or release.start
        if release.deadline is not None:
            finish = max(finish, release.deadline)
        self.first, self.last = chart_span(zoom, release.start, finish)
        self.scale = Scale(zoom, self.first, PX_PER_DAY[zoom])
        self._build_rows()
        self._links: dict[str, list[str]] = {}  # item id -> ids of its arrows
        self._refresh_flags()
        self.bars: LazyMap[Bar] = LazyMap(self._bar, self.row_of)
        spans: dict[str, tuple[int, int]] = {}
        row_of, links = self.row_of, self._links
        for dep_id, dep in self._release_dependencies().items():
            links.setdefault(dep.predecessor_id, []).append(dep_id)
            links.setdefault(dep.successor_id, []).append(dep_id)
            a, b = row_of[dep.predecessor_id], row_of[dep.successor_id]
            spans[dep_id] = (a, b) if a <= b else (b, a)
        self.arrows: LazyMap[Arrow] = LazyMap(self._arrow, spans)
        self._index_arrows(spans)
        self._lay_axis()

    # --- building -------------------------------------------------------------------------

    def _build_rows(self) -> None:
        """Rows by phase in phase order, items by scheduled start (ties: file order)."""
        schedule = self.schedule
        by_phase: dict[Phase, list[tuple[int, int, str]]] = {}
        for n, item in enumerate(self.project.items.values()):
            pos = schedule.index.get(item.id)
            if item.release_id == self.release.id and pos is not None:
                by_phase.setdefault(item.phase, []).append((schedule.es[pos], n, item.id))
        rows: list[Row] = []
        y = 0.0
        for phase in sorted(by_phase, key=lambda p: p.order):
            rows.append(Row(len(rows), y, ROW_HEIGHT, phase.label, phase))
            y += ROW_HEIGHT
            for _start, _n, item_id in sorted(by_phase[phase]):
                name = self.project.items[item_id].name
                rows.append(Row(len(rows), y, ROW_HEIGHT, name, phase, item_id))
                y += ROW_HEIGHT
        self.rows = rows
        self.row_of = {row.item_id: row.index for row in rows if row.item_id is not None}
        self.height = y

    def _release_dependencies(self):
        rows = self.row_of
        return {
            dep.id: dep
            for dep in self.project.dependencies.values()
            if dep.predecessor_id in rows and dep.successor_id in rows
        }

    def _refresh_flags(self) -> None:
        """Critical and conflict flags from the schedule (cheap: integer arrays)."""
        schedule = self.schedule
        self._min_slack = schedule.min_slack()
        self.conflict_text: dict[str, list[str]] = {}
        self.conflict_items: set[str] = set()
        self.conflict_links: set[str] = set()
        for conflict in schedule.conflicts():
            for item_id in conflict.item_ids:
                self.conflict_text.setdefault(item_id, []).append(conflict.message)
                if conflict.kind != "late":
                    self.conflict_items.add(item_id)
            self.conflict_links.update(conflict.dependency_ids)

    def _critical(self, n: int) -> bool:
        s = self.schedule
        return s.lf[n] - s.dur[n] - s.es[n] <= self._min_slack

    def _bar(self, item_id: str, start_index: int | None = None) -> Bar:
        """The bar of an item where the schedule has it, or starting at ``start_index``."""
        s = self.schedule
        n = s.index[item_id]
        start = s.es[n] if start_index is None else start_index
        milestone = s.milestone[n]
        end = start + s.dur[n]
        cal = s.calendar
        scale = self.scale
        row = self.rows[self.row_of[item_id]]
        if milestone:
            shown = cal.date_of(start - 1)
            x1 = scale.x_of(shown) + scale.px_per_day
            half = MILESTONE_SIZE / 2
            x0, y0, y1 = x1, row.mid_y - half, row.mid_y + half
            first = last = shown
        else:
            first, last = cal.date_of(start), cal.date_of(end - 1)
            x0, x1 = scale.x_of(first), scale.x_of(last) + scale.px_per_day
            y0, y1 = row.mid_y - BAR_HEIGHT / 2, row.mid_y + BAR_HEIGHT / 2
        item = self.project.items[item_id]
        return Bar(
            item_id,
            row.index,
            x0,
            x1,
            y0,
            y1,
            milestone,
            first,
            last,
            start,
            end,
            item.progress,
            self._critical(n),
            item_id in self.conflict_items,
        )

    def _arrow(self, dep_id: str, bars: dict[str, Bar] | None = None) -> Arrow:
        dep = self.project.dependencies[dep_id]
        get = (bars or {}).get
        pred = get(dep.predecessor_id) or self.bars[dep.predecessor_id]
        succ = get(dep.successor_id) or self.bars[dep.successor_id]
        from_end = dep.type in (DependencyType.FS, DependencyType.FF)
        to_start = dep.type in (DependencyType.FS, DependencyType.SS)
        sx, s_dir = (pred.end_x, 1) if from_end else (pred.start_x, -1)
        tx, t_dir = (succ.start_x, 1) if to_start else (succ.end_x, -1)
        down = succ.mid_y >= pred.mid_y
        turn_y = self.rows[pred.row].y + (ROW_HEIGHT if down else 0.0)
        s = self.schedule
        driver = s.driver[s.index[dep.successor_id]] == dep_id
        points = route(sx, pred.mid_y, s_dir, tx, succ.mid_y, t_dir, turn_y)
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return Arrow(
            dep_id,
            dep.predecessor_id,
            dep.successor_id,
            dep.type,
            points,
            critical=pred.critical and succ.critical and driver,
            conflict=dep_id in self.conflict_links,
            top=min(ys),
            bottom=max(ys),
            left=min(xs),
            right=max(xs),
        )

    def _index_arrows(self, spans: dict[str, tuple[int, int]]) -> None:
        """Bucket arrows by the blocks of rows they span (rows never change on a move).

        Long arrows would fill many buckets; they go to one list checked on every query.
        """
        buckets: dict[int, list[str]] = {}
        long: list[tuple[int, int, str]] = []
        for dep_id, (first, last) in spans.items():
            lo, hi = first // _BUCKET_ROWS, last // _BUCKET_ROWS
            if hi - lo > _LONG_BLOCKS:
                long.append((first, last, dep_id))
                continue
            for block in range(lo, hi + 1):
                buckets.setdefault(block, []).append(dep_id)
        self._arrow_buckets = buckets
        self._long_arrows = long

    def _extend_to(self, day: date) -> None:
        """Make sure the chart reaches past ``day`` (after a move towards the right)."""
        if day + timedelta(days=7) > self.last:
            self.last = max(self.last, chart_span(self.zoom, self.release.start, day)[1])
            self._lay_axis()

    def fill(self, width: float) -> None:
        """Extend the chart to the right so it is at least ``width`` wide (a wide window)."""
        if width > self.width:
            days = int((width - self.width) // self.scale.px_per_day) + 1
            self._extend_to(self.last + timedelta(days=days))

    def _lay_axis(self) -> None:
        self.width = self.scale.x_of(self.last + timedelta(days=1))
        self.bands, self.cells = axis_cells(self.scale, self.first, self.last)
        self.shades = shades(self.scale, self.schedule.calendar, self.first, self.last)

    # --- reading --------------------------------------------------------------------------

    @property
    def today_x(self) -> float | None:
        """x of the today line (the middle of today), or None if today is off the chart."""
        if self.today is None or not self.first <= self.today <= self.last:
            return None
        return self.scale.x_of(self.today) + self.scale.px_per_day / 2

    @property
    def deadline_x(self) -> float | None:
        """x of the release deadline: the end of its day."""
        deadline = self.release.deadline
        if deadline is None:
            return None
        return self.scale.x_of(deadline) + self.scale.px_per_day

    def row_at(self, y: float) -> Row | None:
        n = int(y // ROW_HEIGHT)
        return self.rows[n] if 0 <= n < len(self.rows) and y >= 0 else None

    def rows_between(self, y0: float, y1: float) -> range:
        """Indices of the rows that overlap the band ``y0`` .. ``y1``."""
        first = max(0, int(y0 // ROW_HEIGHT))
        return range(first, min(len(self.rows), int(y1 // ROW_HEIGHT) + 1))

    def arrows_between(self, y0: float, y1: float) -> list[Arrow]:
        """The arrows that cross the band ``y0`` .. ``y1``, each once."""
        rows = self.rows_between(y0, y1)
        if not rows:
            return []
        first, last = rows.start, rows.stop - 1
        ids: set[str] = {
            dep_id for lo, hi, dep_id in self._long_arrows if lo <= last and hi >= first
        }
        for block in range(first // _BUCKET_ROWS, last // _BUCKET_ROWS + 1):
            ids.update(self._arrow_buckets.get(block, ()))
        arrows = self.arrows
        found = []
        for dep_id in ids:
            arrow = arrows[dep_id]
            if arrow.bottom >= y0 and arrow.top <= y1:
                found.append(arrow)
        return found

    def links_of(self, item_id: str) -> list[str]:
        """Ids of the arrows into and out of an item."""
        return self._links.get(item_id, [])

    def ghost(self, item_id: str, start_index: int) -> Bar:
        """The bar an item would have if it started at ``start_index`` (drag previews)."""
        return self._bar(item_id, start_index)

    def resized(self, item_id: str, duration: int) -> Bar:
        """The bar an item would have with ``duration`` working days (resize previews)."""
        bar = self.bars[item_id]
        cal = self.schedule.calendar
        last = cal.date_of(bar.start_index + duration - 1)
        x1 = self.scale.x_of(last) + self.scale.px_per_day
        return dataclasses.replace(bar, x1=x1, finish=last, end_index=bar.start_index + duration)

    def describe(self, item_id: str) -> str:
        """Dates and duration of an item in words, for tooltips and the PDF."""
        bar = self.bars[item_id]
        if bar.milestone:
            return format_day(bar.finish)
        days = bar.end_index - bar.start_index
        unit = "day" if days == 1 else "days"
        return f"{format_day(bar.start)} – {format_day(bar.finish)} ({days} working {unit})"

    # --- refreshing -----------------------------------------------------------------------

    def update(self, item_ids: set[str] | frozenset[str]) -> tuple[set[str], set[str]]:
        """Refresh the bars of ``item_ids`` and every bar whose flags changed, and their arrows.

        Returns the item ids and dependency ids whose geometry or look changed, so a view
        repaints just those.
        """
        old_min, old_conflicts = self._min_slack, self.conflict_items
        self._refresh_flags()
        for item_id in item_ids:
            row_n = self.row_of.get(item_id)
            if row_n is not None and self.rows[row_n].label != self.project.items[item_id].name:
                row = self.rows[row_n]
                self.rows[row_n] = dataclasses.replace(row, label=self.project.items[item_id].name)
        if self._min_slack != old_min:
            # Who is critical may have changed for everyone: recompute shapes when drawn.
            self.bars.forget()
            self.arrows.forget()
            self._extend_to(self._latest_finish(item_ids))
            return set(self.row_of), set()
        # Otherwise a bar's look changes only if its dates, slack or conflicts did.
        touched = {i for i in item_ids if i in self.row_of}
        touched |= old_conflicts ^ self.conflict_items
        changed = set()
        for item_id in touched:
            old = self.bars.made(item_id)
            self.bars.forget([item_id])
            if old is None or old != self.bars[item_id]:
                changed.add(item_id)
        links = {dep_id for item_id in changed for dep_id in self.links_of(item_id)}
        self.arrows.forget(links)
        self._extend_to(self._latest_finish(item_ids))
        return changed, links

    def _latest_finish(self, item_ids: Iterable[str]) -> date:
        """The latest finish among ``item_ids`` (the chart's end if none is shown)."""
        return max((self.bars[i].finish for i in item_ids if i in self.row_of), default=self.last)
