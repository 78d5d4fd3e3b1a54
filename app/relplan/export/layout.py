"""Timeline geometry shared by the screen and the PDF: rows, bars, arrows, axis, shading.

Everything here is plain data in points (= pixels on screen at 100 %), computed from a
:class:`~relplan.domain.schedule.ReleaseSchedule` and a zoom level. The x axis runs over
calendar days (weekends and holidays are shaded, not hidden), so a date always sits at
the same x. Nothing here draws: the timeline view paints these shapes with Qt, the PDF
export with ReportLab (DESIGN.md §2, "the same layout code").
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta

from relplan.domain.calendar import WorkCalendar, format_day
from relplan.domain.model import DependencyType, Phase, Project
from relplan.domain.schedule import ReleaseSchedule

ZOOMS: tuple[str, ...] = ("day", "week", "month")
# Width of one calendar day per zoom: a day cell fits "28", a week "29 Mar", a month "September".
PX_PER_DAY: dict[str, float] = {"day": 28.0, "week": 9.0, "month": 3.0}

ROW_HEIGHT = 26.0
BAR_HEIGHT = 14.0
MILESTONE_SIZE = 14.0  # the diamond's width and height
ARROW_STUB = 8.0  # how far a connector runs straight out of a bar before it turns
_BUCKET_ROWS = 64  # arrows are indexed by blocks of rows so a repaint finds them quickly
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Scale:
    """Calendar date <-> x: day ``origin`` starts at x = 0, each day is ``px_per_day`` wide."""

    zoom: str
    origin: date
    px_per_day: float

    def x_of(self, day: date) -> float:
        """The x where ``day`` begins (its end is ``x_of(day + 1 day)``)."""
        return (day - self.origin).days * self.px_per_day

    def date_at(self, x: float) -> date:
        """The calendar day whose column contains ``x``."""
        return self.origin + timedelta(days=int(x // self.px_per_day))

    def days_in(self, dx: float) -> int:
        """Whole calendar days nearest to a horizontal distance ``dx`` (for dragging)."""
        return round(dx / self.px_per_day)


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

    @property
    def y_span(self) -> tuple[float, float]:
        ys = [p[1] for p in self.points]
        return min(ys), max(ys)


@dataclass(frozen=True, slots=True)
class AxisCell:
    """One labelled cell of the time axis, from ``x0`` to ``x1``."""

    x0: float
    x1: float
    label: str
    day: date


@dataclass(frozen=True, slots=True)
class Shade:
    """A shaded span of days: ``kind`` is "nonworking", "holiday" or "freeze"."""

    kind: str
    x0: float
    x1: float
    label: str = ""
    start: date | None = None
    end: date | None = None


def _band_span(zoom: str, start: date, finish: date) -> tuple[date, date]:
    """The first and last day shown: the schedule plus a margin, aligned to whole units."""
    if zoom == "day":
        first = start - timedelta(days=start.weekday())
        last = finish + timedelta(days=14)
        last += timedelta(days=6 - last.weekday())
    elif zoom == "week":
        first = start - timedelta(days=start.weekday() + 7)
        last = finish + timedelta(days=42)
        last += timedelta(days=6 - last.weekday())
    else:
        first = date(start.year, start.month, 1)
        last = _add_months(date(finish.year, finish.month, 1), 3) - timedelta(days=1)
    return first, last


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def axis_cells(scale: Scale, first: date, last: date) -> tuple[list[AxisCell], list[AxisCell]]:
    """The two rows of the time axis for days ``first`` .. ``last``: (bands, cells).

    day: weeks ("Mar 2027 · W10") over day numbers; week: months over ISO week starting
    dates ("8 Mar"); month: years over month names.
    """
    end = last + timedelta(days=1)
    x = scale.x_of
    if scale.zoom == "day":
        bands = _cells(scale, _week_starts(first, end), end, _week_label)
        cells = [AxisCell(x(d), x(d) + scale.px_per_day, str(d.day), d) for d in _days(first, end)]
    elif scale.zoom == "week":
        bands = _cells(
            scale, _month_starts(first, end), end, lambda d: f"{_MONTHS[d.month - 1]} {d.year}"
        )
        cells = _cells(
            scale, _week_starts(first, end), end, lambda d: f"{d.day} {_MONTHS[d.month - 1][:3]}"
        )
    else:
        bands = _cells(scale, _year_starts(first, end), end, lambda d: str(d.year))
        cells = _cells(scale, _month_starts(first, end), end, lambda d: _MONTHS[d.month - 1])
    return bands, cells


def _week_label(day: date) -> str:
    return f"{_MONTHS[day.month - 1][:3]} {day.year} · W{day.isocalendar().week}"


def _days(first: date, end: date):
    for n in range((end - first).days):
        yield first + timedelta(days=n)


def _week_starts(first: date, end: date) -> list[date]:
    monday = first - timedelta(days=first.weekday())
    return [monday + timedelta(weeks=n) for n in range((end - monday).days // 7 + 1)]


def _month_starts(first: date, end: date) -> list[date]:
    starts = [date(first.year, first.month, 1)]
    while starts[-1] < end:
        starts.append(_add_months(starts[-1], 1))
    return starts[:-1]


def _year_starts(first: date, end: date) -> list[date]:
    return [date(y, 1, 1) for y in range(first.year, end.year + 1) if date(y, 1, 1) < end]


def _cells(scale: Scale, starts: list[date], end: date, label) -> list[AxisCell]:
    """Cells from each start to the next (the last to ``end``), clipped to the scale's origin."""
    out = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else end
        if stop <= scale.origin or start >= end:
            continue
        x0 = max(0.0, scale.x_of(start))
        out.append(AxisCell(x0, scale.x_of(stop), label(start), start))
    return out


def shades(scale: Scale, calendar: WorkCalendar, first: date, last: date) -> list[Shade]:
    """Non-working days (merged runs; not at month zoom), holidays and freeze windows."""
    cal = calendar.calendar
    end = last + timedelta(days=1)
    out: list[Shade] = []
    work_week = set(cal.work_week)
    if scale.zoom != "month":
        run: date | None = None
        for day in _days(first, end + timedelta(days=1)):
            off = day < end and day.weekday() not in work_week
            if off and run is None:
                run = day
            elif not off and run is not None:
                out.append(Shade("nonworking", scale.x_of(run), scale.x_of(day), "", run, day))
                run = None
    for holiday in cal.holidays:
        if first <= holiday.on < end:
            x0 = scale.x_of(holiday.on)
            out.append(
                Shade("holiday", x0, x0 + scale.px_per_day, holiday.name, holiday.on, holiday.on)
            )
    for window in cal.freezes:
        start, stop = max(window.start, first), min(window.end, last)
        if start <= stop:
            x1 = scale.x_of(stop) + scale.px_per_day
            out.append(
                Shade("freeze", scale.x_of(start), x1, window.name, window.start, window.end)
            )
    return out


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


class TimelineLayout:
    """The geometry of one release at one zoom; :meth:`update` refreshes moved items only."""

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
        self.first, self.last = _band_span(zoom, release.start, finish)
        self.scale = Scale(zoom, self.first, PX_PER_DAY[zoom])
        self._build_rows()
        self.bars: dict[str, Bar] = {}
        self.arrows: dict[str, Arrow] = {}
        self._links: dict[str, list[str]] = {}  # item id -> ids of its arrows
        self._refresh_flags()
        for item_id in self.row_of:
            self.bars[item_id] = self._bar(item_id)
        for dep_id, dep in self._release_dependencies().items():
            self._links.setdefault(dep.predecessor_id, []).append(dep_id)
            self._links.setdefault(dep.successor_id, []).append(dep_id)
            self.arrows[dep_id] = self._arrow(dep_id)
        self._index_arrows()
        self._extend_to(max((bar.finish for bar in self.bars.values()), default=self.last))

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
        return Arrow(
            dep_id,
            dep.predecessor_id,
            dep.successor_id,
            dep.type,
            route(sx, pred.mid_y, s_dir, tx, succ.mid_y, t_dir, turn_y),
            critical=pred.critical and succ.critical and driver,
            conflict=dep_id in self.conflict_links,
        )

    def _index_arrows(self) -> None:
        """Bucket arrows by the blocks of rows they span (rows never change on a move)."""
        buckets: dict[int, list[str]] = {}
        row_of = self.row_of
        for dep_id, arrow in self.arrows.items():
            a, b = row_of[arrow.predecessor_id], row_of[arrow.successor_id]
            for block in range(min(a, b) // _BUCKET_ROWS, max(a, b) // _BUCKET_ROWS + 1):
                buckets.setdefault(block, []).append(dep_id)
        self._arrow_buckets = buckets

    def _extend_to(self, day: date) -> None:
        """Make sure the chart reaches past ``day`` (after a move towards the right)."""
        _first, last = _band_span(self.zoom, self.release.start, day)
        self.last = max(self.last, last)
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
        """The arrows that may cross the band ``y0`` .. ``y1``, each once."""
        rows = self.rows_between(y0, y1)
        if not rows:
            return []
        seen: set[str] = set()
        found = []
        for block in range(rows.start // _BUCKET_ROWS, (rows.stop - 1) // _BUCKET_ROWS + 1):
            for dep_id in self._arrow_buckets.get(block, ()):
                if dep_id not in seen:
                    seen.add(dep_id)
                    arrow = self.arrows[dep_id]
                    top, bottom = arrow.y_span
                    if bottom >= y0 and top <= y1:
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
        touched = {i for i in item_ids if i in self.row_of}
        touched |= old_conflicts ^ self.conflict_items
        if self._min_slack != old_min:
            touched.update(self.row_of)  # who is critical may have changed for everyone
        else:
            s = self.schedule
            touched.update(
                i for i, bar in self.bars.items() if bar.critical != self._critical(s.index[i])
            )
        for item_id in item_ids:
            row_n = self.row_of.get(item_id)
            if row_n is not None and self.rows[row_n].label != self.project.items[item_id].name:
                row = self.rows[row_n]
                self.rows[row_n] = dataclasses.replace(row, label=self.project.items[item_id].name)
        changed: set[str] = set()
        for item_id in touched:
            bar = self._bar(item_id)
            if bar != self.bars[item_id]:
                self.bars[item_id] = bar
                changed.add(item_id)
        links = {dep_id for item_id in changed for dep_id in self.links_of(item_id)}
        for dep_id in links:
            self.arrows[dep_id] = self._arrow(dep_id)
        if changed:
            latest = max(self.bars[i].finish for i in changed)
            if latest + timedelta(days=7) > self.last:
                self._extend_to(latest)
        return changed, links
