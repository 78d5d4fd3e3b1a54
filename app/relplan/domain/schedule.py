"""Critical-path scheduling of a release over working days (DESIGN.md §3).

Positions are working-day indices (0 = the release start). A task of duration d starting
at s occupies [s, s + d); a milestone has d = 0 and marks the end of the working day
before its index, so a milestone finish-to-start after a task is shown on the task's
finish date. Nothing is shown before the release start: a task starts at index >= 0, a
milestone at index >= 1 (shown on the start date).

Rules, for successor S and predecessor P with lag L (negative = lead):
  FS: start(S) >= end(P) + L        SS: start(S) >= start(P) + L
  FF: end(S)   >= end(P) + L        SF: end(S)   >= start(P) + L
``start_no_earlier_than`` raises the lower bound; ``must_finish_on`` fixes the end and,
when predecessors push past it, the item stays put and a conflict names the cause. Deploy
items are pushed past freeze windows. The backward pass from the deadline (or, without
one, from the release finish) gives late dates and slack; the critical path is the chain
with the least slack.

:class:`ReleaseSchedule` keeps the graph as integer arrays so a move recomputes only what
it reaches (:meth:`ReleaseSchedule.update`), with the same result as a full recompute.
"""

from __future__ import annotations

import functools
import heapq
from datetime import date

import networkx as nx

from relplan.domain import schedule_messages
from relplan.domain.calendar import WorkCalendar, format_day
from relplan.domain.graph import acyclic_edges, release_graph
from relplan.domain.model import (
    ConstraintKind,
    DependencyType,
    ItemKind,
    Phase,
    Project,
    Release,
    WorkItem,
)
from relplan.domain.schedule_types import (
    DRIVER_CONSTRAINT,
    DRIVER_FREEZE,
    DRIVER_PIN,
    DRIVER_START,
    Conflict,
    ItemDates,
)
from relplan.performance import paused_gc

# Dependency types as small ints for the inner loops.
_FS, _SS, _FF, _SF = 0, 1, 2, 3
_TYPE_CODE = {
    DependencyType.FS: _FS,
    DependencyType.SS: _SS,
    DependencyType.FF: _FF,
    DependencyType.SF: _SF,
}


class ReleaseSchedule:
    """The schedule of one release, kept up to date incrementally."""

    def __init__(self, project: Project, release: Release) -> None:
        self.project = project
        self.release = release
        self.calendar = WorkCalendar(project.calendar_for(release), release.start)
        self._build()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        with paused_gc():
            self._build_arrays()
            self._forward_all()
            self._backward_all()

    def _build_arrays(self) -> None:
        project, release = self.project, self.release
        # Integer arrays, not networkx, on this path: building a DiGraph of 10,000 items
        # costs more than scheduling it. The graph is built on demand (``graph``) and
        # when the links contain a cycle, to find and name it.
        # Arrays stay in project order; ``order`` is a topological order of positions and
        # ``rank`` each position's place in it (the incremental passes visit by rank).
        ids = [item.id for item in project.items.values() if item.release_id == release.id]
        position = {item_id: n for n, item_id in enumerate(ids)}
        size = len(ids)
        preds: list[list[tuple[int, int, int, str]]] = [[] for _ in range(size)]
        type_code = _TYPE_CODE
        for dep in project.dependencies.values():
            u = position.get(dep.predecessor_id)
            v = position.get(dep.successor_id)
            if u is not None and v is not None:
                preds[v].append((u, type_code[dep.type], dep.lag, dep.id))
        self.cycles: list[list[str]] = []
        order = _topological_order(preds)
        if order is None:
            graph = self.graph
            dropped, self.cycles = acyclic_edges(graph)
            left_out = {graph.edges[e]["dep"].id for e in dropped}
            preds = [[link for link in links if link[3] not in left_out] for links in preds]
            order = _topological_order(preds)
            assert order is not None, "acyclic_edges left a cycle"
        rank = [0] * size
        for n, m in enumerate(order):
            rank[m] = n
        self.ids, self.index, self.preds = ids, position, preds
        self.order, self.rank = order, rank
        self.freeze_spans = self.calendar.freeze_spans()
        self.dur = [0] * size
        self.floor = [0] * size
        self.pin_end: list[int | None] = [None] * size
        self.deploy = [False] * size
        self.milestone = [False] * size
        items = project.items
        dur, floor, deploy, milestone = self.dur, self.floor, self.deploy, self.milestone
        for n, item_id in enumerate(self.ids):
            item = items[item_id]
            if item.constraint is not None:
                self._load_item(n, item)
            elif item.kind is ItemKind.MILESTONE:  # the common cases inline: 10k calls add up
                milestone[n] = True
                floor[n] = 1
                deploy[n] = item.phase is Phase.DEPLOY
            else:
                dur[n] = max(1, item.duration)
                deploy[n] = item.phase is Phase.DEPLOY
        self.es = [0] * size
        self.lf = [0] * size
        self.driver: list[str | None] = [None] * size
        self.freeze_of: list[str | None] = [None] * size
        self.item_conflicts: dict[int, Conflict] = {}

    @functools.cached_property
    def succs(self) -> list[list[tuple[int, int, int, str]]]:
        """Successor links per position, built on the first incremental update or preview.

        A full schedule needs only the predecessor lists (the backward pass pushes late
        dates to predecessors), so opening a file does not pay for these.
        """
        succs: list[list[tuple[int, int, int, str]]] = [[] for _ in self.preds]
        for j, links in enumerate(self.preds):
            for i, code, lag, dep_id in links:
                succs[i].append((j, code, lag, dep_id))
        return succs

    @functools.cached_property
    def graph(self) -> nx.DiGraph:
        """The release's dependency graph (networkx), built when first asked for."""
        return release_graph(self.project, self.release.id)

    def _load_item(self, n: int, item: WorkItem) -> None:
        """Copy what scheduling needs from ``item`` into the arrays at position ``n``."""
        cal = self.calendar
        milestone = item.is_milestone
        self.milestone[n] = milestone
        self.dur[n] = 0 if milestone else max(1, item.duration)
        self.deploy[n] = item.phase is Phase.DEPLOY
        floor = 1 if milestone else 0
        constraint = item.constraint
        self.pin_end[n] = None
        if constraint is not None:
            if constraint.kind is ConstraintKind.MUST_FINISH_ON:
                self.pin_end[n] = cal.index_at_or_before(constraint.on) + 1
            else:
                wanted = cal.index_of(constraint.on) + (1 if milestone else 0)
                floor = max(floor, wanted)
        self.floor[n] = floor

    # --- forward pass ---------------------------------------------------------------------

    def _bound(self, n: int, es: list[int] | _Overlay) -> tuple[int, str | None]:
        """Earliest start of ``n`` from its floor and predecessors alone, and what sets it.

        ``es`` maps positions to starts (a list, or an overlay for previews).
        """
        dur = self.dur
        d = dur[n]
        start = self.floor[n]
        driver: str | None = (
            DRIVER_CONSTRAINT if start > (1 if self.milestone[n] else 0) else DRIVER_START
        )
        for p, code, lag, dep_id in self.preds[n]:
            ps = es[p]
            if code == _FS:
                v = ps + dur[p] + lag
            elif code == _SS:
                v = ps + lag
            elif code == _FF:
                v = ps + dur[p] + lag - d
            else:
                v = ps + lag - d
            if v > start:
                start = v
                driver = dep_id
        return start, driver

    def _earliest(self, n: int, es: list[int] | _Overlay) -> tuple[int, str | None, str | None]:
        """Earliest start of ``n`` from its floor, predecessors and freezes.

        Returns the start, what drives it and the freeze window that pushed it.
        """
        start, driver = self._bound(n, es)
        freeze = None
        if self.deploy[n] and self.freeze_spans:
            start, freeze = self._past_freezes(n, start)
            if freeze is not None:
                driver = DRIVER_FREEZE
        return start, driver, freeze

    def _past_freezes(self, n: int, start: int) -> tuple[int, str | None]:
        """Push a Deploy item's start until it overlaps no freeze window."""
        milestone = self.milestone[n]
        d = self.dur[n]
        pushed_by = None
        moved = True
        while moved:
            moved = False
            occ_start = start - 1 if milestone else start
            occ_end = start if milestone else start + d
            for f_start, f_end, window in self.freeze_spans:
                if occ_start < f_end and f_start < occ_end:
                    start = f_end + 1 if milestone else f_end
                    pushed_by = window.name
                    moved = True
                    break
        return start, pushed_by

    def _place(self, n: int, es: list[int]) -> int:
        """Compute and store the start of ``n`` (with its conflicts); return it."""
        self.item_conflicts.pop(n, None)
        pin = self.pin_end[n]
        if pin is None:
            start, driver, freeze = self._earliest(n, es)
        else:
            start, driver, freeze = pin - self.dur[n], DRIVER_PIN, None
            # The conflict names what pushes past the pin before any freeze is applied: a
            # freeze that pushes a pinned item only does so because the pin lies in it
            # (a "pin_in_freeze"), and a predecessor that pushes is the cause to name.
            wanted, holder = self._bound(n, es)
            if wanted > start:
                self.item_conflicts[n] = schedule_messages.pin_conflict(
                    self, n, wanted, start, holder
                )
            elif self.deploy[n] and self._past_freezes(n, start)[1] is not None:
                self.item_conflicts[n] = schedule_messages.freeze_pin_conflict(self, n, start)
        self.driver[n] = driver
        self.freeze_of[n] = freeze
        es[n] = start
        return start

    def _forward_all(self) -> None:
        es, pin_end, deploy = self.es, self.pin_end, self.deploy
        driver, freeze_of = self.driver, self.freeze_of
        bound, place = self._bound, self._place
        freezes = bool(self.freeze_spans)
        self.item_conflicts.clear()
        for n in self.order:
            if pin_end[n] is None and not (freezes and deploy[n]):
                # Most items: no pin, no freeze to respect; skip _place's bookkeeping.
                es[n], driver[n] = bound(n, es)
                freeze_of[n] = None
            else:
                place(n, es)

    # --- backward pass --------------------------------------------------------------------

    def _anchor(self) -> int:
        """The late finish of items without successors: the deadline, or the release end."""
        if self.release.deadline is not None:
            return self.calendar.index_at_or_before(self.release.deadline) + 1
        return self.finish_index()

    def _latest(self, n: int, anchor: int) -> int:
        dur = self.dur
        lf = self.lf
        d = dur[n]
        late = anchor
        pin = self.pin_end[n]
        if pin is not None and pin < late:
            late = pin
        for s, code, lag, _dep in self.succs[n]:
            if code == _FS:
                v = lf[s] - dur[s] - lag
            elif code == _SS:
                v = lf[s] - dur[s] - lag + d
            elif code == _FF:
                v = lf[s] - lag
            else:
                v = lf[s] - lag + d
            if v < late:
                late = v
        return late

    def _backward_all(self) -> None:
        anchor = self._anchor()
        self._anchor_used = anchor
        dur = self.dur
        # Push style over predecessor lists: when position n is reached, every successor
        # (all at higher positions) has already lowered lf[n]; the rules are _latest's.
        lf = [anchor if pin is None or pin > anchor else pin for pin in self.pin_end]
        for n in reversed(self.order):
            late_end = lf[n]
            late_start = late_end - dur[n]
            for p, code, lag, _dep in self.preds[n]:
                if code == _FS:
                    v = late_start - lag
                elif code == _SS:
                    v = late_start - lag + dur[p]
                elif code == _FF:
                    v = late_end - lag
                else:
                    v = late_end - lag + dur[p]
                if v < lf[p]:
                    lf[p] = v
        self.lf = lf

    # --- incremental update ---------------------------------------------------------------

    def update(self, item_ids: set[str] | list[str]) -> set[str]:
        """Re-read ``item_ids`` from the project and recompute only what they reach.

        For edits that keep the graph's shape (dates, durations, constraints, phase). The
        result equals a full recompute. Returns the ids whose :class:`ItemDates` changed,
        except for ``critical``: that follows :meth:`min_slack`, which a caller compares
        before and after (listing every item each time the least slack moves would make
        views refresh everything).
        """
        seeds: set[int] = set()
        for item_id in item_ids:
            n = self.index.get(item_id)
            if n is not None:
                self._load_item(n, self.project.items[item_id])
                seeds.add(n)
        changed: set[int] = set(seeds)
        # Forward: visit in topological order; follow successors only where a start moved.
        es, dur, driver, freeze_of = self.es, self.dur, self.driver, self.freeze_of
        rank = self.rank
        heap = [(rank[n], n) for n in seeds]
        heapq.heapify(heap)
        queued = set(seeds)
        while heap:
            n = heapq.heappop(heap)[1]
            queued.discard(n)
            old, old_end = es[n], es[n] + dur[n]
            old_driver, old_freeze = driver[n], freeze_of[n]
            new = self._place(n, es)
            if new != old or driver[n] != old_driver or freeze_of[n] != old_freeze:
                changed.add(n)
            if new != old or new + dur[n] != old_end or n in seeds:
                for s, *_ in self.succs[n]:
                    if s not in queued:
                        queued.add(s)
                        heapq.heappush(heap, (rank[s], s))
        anchor = self._anchor()
        if anchor != self._anchor_used:
            self._backward_all()
            return set(self.ids)
        # Backward: reverse topological order from the seeds, up through predecessors.
        lf = self.lf
        heap = [(-rank[n], n) for n in seeds]
        heapq.heapify(heap)
        queued = set(seeds)
        while heap:
            n = heapq.heappop(heap)[1]
            queued.discard(n)
            old = lf[n]
            new = self._latest(n, anchor)
            lf[n] = new
            if new != old or n in seeds:
                changed.add(n)
                for p, *_ in self.preds[n]:
                    if p not in queued:
                        queued.add(p)
                        heapq.heappush(heap, (-rank[p], p))
        return {self.ids[n] for n in changed}

    def preview_start(self, item_id: str, start_index: int) -> dict[str, int]:
        """Where things would start if ``item_id`` were asked to start at ``start_index``.

        For live feedback while dragging: nothing is changed. Returns the new start index
        of every item that would move (the dragged item included).
        """
        n = self.index[item_id]
        overlay = _Overlay(self.es)
        saved_floor = self.floor[n]
        saved_pin = self.pin_end[n]
        self.floor[n] = max(1 if self.milestone[n] else 0, start_index)
        self.pin_end[n] = None
        try:
            overlay[n] = self._earliest(n, overlay)[0]
            rank = self.rank
            heap = [(rank[s], s) for s, *_ in self.succs[n]]
            heapq.heapify(heap)
            queued = {s for _r, s in heap}
            while heap:
                m = heapq.heappop(heap)[1]
                if self.pin_end[m] is not None:
                    continue  # pinned items stay; the conflict shows after the drop
                new = self._earliest(m, overlay)[0]
                if new != self.es[m]:
                    overlay[m] = new
                    for s, *_ in self.succs[m]:
                        if s not in queued:
                            queued.add(s)
                            heapq.heappush(heap, (rank[s], s))
        finally:
            self.floor[n] = saved_floor
            self.pin_end[n] = saved_pin
        return {self.ids[m]: v for m, v in overlay.changes.items() if m == n or v != self.es[m]}

    def earliest_allowed(self, item_id: str) -> tuple[int, str | None]:
        """The earliest start index predecessors allow for ``item_id``, and what holds it.

        Ignores the item's own date constraint: a drag that asks for an earlier day snaps
        here, and the UI names the holder.
        """
        n = self.index[item_id]
        saved_floor, saved_pin = self.floor[n], self.pin_end[n]
        self.floor[n] = 1 if self.milestone[n] else 0
        self.pin_end[n] = None
        try:
            start, driver, _freeze = self._earliest(n, self.es)
        finally:
            self.floor[n], self.pin_end[n] = saved_floor, saved_pin
        return start, driver

    # --- results --------------------------------------------------------------------------

    def finish_index(self) -> int:
        """The end index of the release (the latest end of any item)."""
        if not self.ids:
            return 0
        dur = self.dur
        return max(s + d for s, d in zip(self.es, dur, strict=True))

    def min_slack(self) -> int:
        if not self.ids:
            return 0
        return min(lf - d - s for lf, d, s in zip(self.lf, self.dur, self.es, strict=True))

    def start_date(self, n: int) -> date:
        """The date a planner sees as the start (a milestone: the day it is shown on)."""
        start = self.es[n]
        return self.calendar.date_of(start - 1 if self.milestone[n] else start)

    def finish_date(self, n: int) -> date:
        return self.calendar.date_of(self.es[n] + self.dur[n] - 1)

    def index_to_start_date(self, item_id: str, start_index: int) -> date:
        n = self.index[item_id]
        return self.calendar.date_of(start_index - 1 if self.milestone[n] else start_index)

    def start_index_of(self, item_id: str, day: date) -> int:
        """The start index that moving ``item_id`` to ``day`` asks for (see ``move_item``).

        The inverse of :meth:`index_to_start_date`; a non-working day means the next one.
        """
        index = self.calendar.index_of(day)
        return index + 1 if self.milestone[self.index[item_id]] else index

    def dates(self, item_id: str, min_slack: int | None = None) -> ItemDates:
        n = self.index[item_id]
        if min_slack is None:
            min_slack = self.min_slack()
        es, d = self.es[n], self.dur[n]
        late_start = self.lf[n] - d
        slack = late_start - es
        return ItemDates(
            item_id=item_id,
            start=self.start_date(n),
            finish=self.finish_date(n),
            start_index=es,
            end_index=es + d,
            late_start_index=late_start,
            slack=slack,
            critical=slack <= min_slack,
            driver=self.driver[n],
            freeze=self.freeze_of[n],
        )

    def all_dates(self) -> dict[str, ItemDates]:
        min_slack = self.min_slack()
        return {item_id: self.dates(item_id, min_slack) for item_id in self.ids}

    @property
    def finish(self) -> date | None:
        """The release's finish date (its last item's finish), or None without items."""
        if not self.ids:
            return None
        return self.calendar.date_of(self.finish_index() - 1)

    def conflicts(self) -> list[Conflict]:
        """Pin conflicts, cycles and a missed deadline, most serious first."""
        found = [schedule_messages.cycle_conflict(self, c) for c in self.cycles]
        found += [self.item_conflicts[n] for n in sorted(self.item_conflicts)]
        if self.release.deadline is not None and self.ids:
            # Measured on the finish, not on the least slack: a pin conflict alone also
            # makes slack negative, and that is reported as the pin, not as a late release.
            late = self.finish_index() - self._anchor()
            if late > 0:
                days = "day" if late == 1 else "days"
                found.append(
                    Conflict(
                        "late",
                        f"Release '{self.release.name}' finishes on {format_day(self.finish)}, "
                        f"{late} working {days} after its deadline "
                        f"{format_day(self.release.deadline)}; "
                        "shorten the critical path or move the deadline.",
                        tuple(self.ids[n] for n in range(len(self.ids)) if self._slack(n) <= -late),
                    )
                )
        return found

    def _slack(self, n: int) -> int:
        return self.lf[n] - self.dur[n] - self.es[n]

    # --- messages (in schedule_messages) ---------------------------------------------------

    def describe_driver(
        self, item_id: str, driver: str | None, start_index: int | None = None
    ) -> str:
        """What holds an item, in words: "'Build API' (FS)" or "the release start".

        ``start_index`` is where the driver put the item (default: where it is now); give
        it with a holder from :meth:`earliest_allowed`, so the right freeze is named.
        """
        return schedule_messages.describe_driver(self, item_id, driver, start_index)


def _topological_order(preds: list[list[tuple[int, int, int, str]]]) -> list[int] | None:
    """Kahn's algorithm over positions; None when the links contain a cycle.

    Deterministic: the same project gives the same order.
    """
    size = len(preds)
    successors: list[list[int]] = [[] for _ in range(size)]
    for v, links in enumerate(preds):
        for link in links:
            successors[link[0]].append(v)
    indegree = [len(links) for links in preds]
    order = [n for n in range(size) if indegree[n] == 0]
    # ``order`` doubles as the FIFO queue: everything before ``done`` has been expanded.
    done = 0
    while done < len(order):
        for m in successors[order[done]]:
            indegree[m] -= 1
            if indegree[m] == 0:
                order.append(m)
        done += 1
    return order if len(order) == size else None


class _Overlay:
    """A sparse copy-on-write view over a list of starts, for previews."""

    __slots__ = ("base", "changes")

    def __init__(self, base: list[int]) -> None:
        self.base = base
        self.changes: dict[int, int] = {}

    def __getitem__(self, n: int) -> int:
        return self.changes.get(n, self.base[n])

    def __setitem__(self, n: int, value: int) -> None:
        self.changes[n] = value


def schedule_project(project: Project) -> dict[str, ReleaseSchedule]:
    """A schedule for every release of the project, by release id."""
    return {rid: ReleaseSchedule(project, release) for rid, release in project.releases.items()}
