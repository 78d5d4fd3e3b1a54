"""Dependency-graph geometry shared by the screen and the PDF: columns, nodes, edge routes.

A release's graph is drawn left to right in layers (Sugiyama style): an item sits in the
column of its topological generation (the longest chain of links before it); a column is
ordered by barycentre sweeps so links cross less, then placed vertically so chains run
straight. A link that spans several columns runs through a reserved slot in each column it
crosses, so it never cuts through a box. Above :data:`COLLAPSE_ABOVE` items a phase starts
as one summary node that the planner expands. Nothing here draws: the graph view paints
these shapes with Qt, and the PDF can paint them with ReportLab.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from relplan.domain.model import Phase, Project
from relplan.domain.schedule import ReleaseSchedule
from relplan.export.graph_order import (
    PASSES,
    SWEEPS,
    count_crossings,
    generations,
    order_columns,
    place_columns,
)

__all__ = [
    "COLLAPSE_ABOVE",
    "MILESTONE",
    "NODE_H",
    "NODE_W",
    "PITCH",
    "SUMMARY",
    "TASK",
    "GraphEdge",
    "GraphLayout",
    "GraphNode",
    "controls",
    "count_crossings",
    "default_collapsed",
    "generations",
    "order_columns",
    "place_columns",
    "summary_key",
]

TASK, MILESTONE, SUMMARY, _DUMMY = "task", "milestone", "summary", "dummy"
NODE_W = 184.0  # every column is this wide
NODE_H = 54.0  # a task box; a milestone's slot (diamond and name below it)
SUMMARY_H = 72.0
DIAMOND = 26.0  # a milestone's diamond, width and height
DUMMY_H = 6.0  # the slot a long link takes in a column it crosses
COLUMN_GAP = 72.0  # between columns: where links bend
NODE_GAP = 18.0  # between boxes in a column
DUMMY_GAP = 5.0  # beside a link's slot
MARGIN = 36.0
PITCH = NODE_W + COLUMN_GAP
COLLAPSE_ABOVE = 300  # a release with more items starts with every phase collapsed
HUGE = 8000  # vertices (items and link slots) above which ordering and placing do less
_SAMPLES = 12  # points per curve when hit testing


def summary_key(phase: Phase) -> str:
    """The node key of a collapsed phase."""
    return f"phase:{phase.value}"


def default_collapsed(item_count: int) -> frozenset[Phase]:
    """Phases to collapse when a release is first shown: all of them for a big release."""
    return frozenset(Phase) if item_count > COLLAPSE_ABOVE else frozenset()


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A work item (task box or milestone diamond) or a collapsed phase."""

    key: str  # the item id, or summary_key(phase)
    kind: str  # TASK, MILESTONE or SUMMARY
    phase: Phase
    column: int
    x: float
    y: float
    width: float
    height: float
    port_y: float  # where links enter and leave
    in_x: float
    out_x: float
    item_ids: tuple[str, ...]  # the item, or the members of a summary

    @property
    def item_id(self) -> str | None:
        """The work item shown, or None for a summary."""
        return None if self.kind == SUMMARY else self.item_ids[0]

    @property
    def is_summary(self) -> bool:
        return self.kind == SUMMARY

    def contains(self, x: float, y: float, margin: float = 0.0) -> bool:
        return (
            self.x - margin <= x <= self.x + self.width + margin
            and self.y - margin <= y <= self.y + self.height + margin
        )


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """A link (or, next to a summary, a bundle of links) routed through ``points``.

    Consecutive points are joined by :func:`controls` curves: level segments are straight,
    the others bend in the gap between two columns. ``backward`` marks a link that closes
    a cycle: it runs against the flow.
    """

    key: str  # the dependency id, or "source>target" for a bundle
    source: str
    target: str
    dependency_ids: tuple[str, ...]
    points: tuple[tuple[float, float], ...]
    backward: bool
    left: float
    top: float
    right: float
    bottom: float

    @property
    def dependency_id(self) -> str | None:
        """The one link shown, or None for a bundle."""
        return self.key if self.dependency_ids == (self.key,) else None


def controls(
    p: tuple[float, float], q: tuple[float, float]
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Control points of the cubic from ``p`` to ``q``: level tangents at both ends.

    A segment running backwards (a cycle) swings out to the right of ``p`` and comes back
    in from the left of ``q``.
    """
    dx = q[0] - p[0]
    bend = dx / 2 if dx > 0 else max(80.0, -dx / 3)
    return (p[0] + bend, p[1]), (q[0] - bend, q[1])


def _curve(p, q) -> list[tuple[float, float]]:
    """``_SAMPLES`` + 1 points along the curve from ``p`` to ``q``."""
    if p[1] == q[1] and q[0] >= p[0]:
        return [p, q]
    (ax, ay), (bx, by) = controls(p, q)
    out = []
    for k in range(_SAMPLES + 1):
        t = k / _SAMPLES
        u = 1 - t
        a, b, c, d = u * u * u, 3 * t * u * u, 3 * t * t * u, t * t * t
        out.append((a * p[0] + b * ax + c * bx + d * q[0], a * p[1] + b * ay + c * by + d * q[1]))
    return out


def polyline(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The route as a fine polyline (hit testing, extents, simple renderers)."""
    out = [points[0]]
    for p, q in itertools.pairwise(points):
        out.extend(_curve(p, q)[1:])
    return out


class GraphLayout:
    """The geometry of one release's graph with some phases collapsed.

    Geometry depends only on the links and phases; :meth:`refresh` updates what dates
    change (critical path, conflicts, summary spans) without laying anything out again.
    """

    def __init__(
        self,
        project: Project,
        schedule: ReleaseSchedule,
        collapsed: Iterable[Phase] = (),
    ) -> None:
        self.project = project
        self.schedule = schedule
        self.release = schedule.release
        self.collapsed = frozenset(collapsed)
        self.nodes: dict[str, GraphNode] = {}
        self.edges: dict[str, GraphEdge] = {}
        self.node_of: dict[str, str] = {}  # item id -> key of the node that shows it
        self.phase_counts: dict[Phase, int] = {}
        self._lay_out()
        self.refresh()

    # --- building -------------------------------------------------------------------------

    def _lay_out(self) -> None:
        s, items = self.schedule, self.project.items
        order = sorted(range(len(s.ids)), key=lambda n: (items[s.ids[n]].phase.order, s.es[n], n))
        keys: list[str] = []  # vertex -> node key (real vertices first)
        vertex: dict[str, int] = {}
        members: dict[str, list[str]] = {}
        for n in order:
            item = items[s.ids[n]]
            self.phase_counts[item.phase] = self.phase_counts.get(item.phase, 0) + 1
            key = summary_key(item.phase) if item.phase in self.collapsed else item.id
            if key not in vertex:
                vertex[key] = len(keys)
                keys.append(key)
            members.setdefault(key, []).append(item.id)
            self.node_of[item.id] = key
        bundles: dict[tuple[int, int], list[str]] = {}
        for dep in self.project.dependencies.values():
            a, b = self.node_of.get(dep.predecessor_id), self.node_of.get(dep.successor_id)
            if a is not None and b is not None and a != b:
                bundles.setdefault((vertex[a], vertex[b]), []).append(dep.id)
        pairs = list(bundles)
        rank, back = generations(len(keys), pairs)
        kinds = [self._kind(key, members[key]) for key in keys]
        # Reserve a slot in every column a link crosses (dummy vertices).
        chains: list[list[int]] = []
        preds: list[list[int]] = [[] for _ in keys]
        succs: list[list[int]] = [[] for _ in keys]
        column_of = list(rank)
        for (a, b), is_back in zip(pairs, back, strict=True):
            chain = [a]
            if not is_back:
                for column in range(rank[a] + 1, rank[b]):
                    column_of.append(column)
                    kinds.append(_DUMMY)
                    preds.append([])
                    succs.append([])
                    chain.append(len(column_of) - 1)
                chain.append(b)
                for u, v in itertools.pairwise(chain):
                    succs[u].append(v)
                    preds[v].append(u)
            else:
                chain.append(b)
            chains.append(chain)
        columns: list[list[int]] = [[] for _ in range(max(column_of, default=-1) + 1)]
        for v, column in enumerate(column_of):
            columns[column].append(v)
        # Fewer passes for huge graphs: they open in about a second and gain little more.
        huge = len(column_of) > HUGE
        columns = order_columns(columns, preds, succs, sweeps=4 if huge else SWEEPS)
        heights = [_HEIGHT[kind] for kind in kinds]
        offsets = [_PORT[kind] for kind in kinds]
        gaps = [DUMMY_GAP if kind == _DUMMY else NODE_GAP for kind in kinds]
        tops = place_columns(
            columns, heights, offsets, gaps, preds, succs, passes=2 if huge else PASSES
        )
        low = min(tops, default=0.0)
        tops = [MARGIN + t - low for t in tops]
        self._build_nodes(keys, kinds, members, column_of, tops)
        self._build_edges(keys, pairs, bundles, back, chains, column_of, tops, offsets)
        self.columns = [[keys[v] for v in column if v < len(keys)] for column in columns]
        self.crossings = count_crossings(columns, succs)
        self.width = MARGIN * 2 + max(0, len(columns) * PITCH - COLUMN_GAP)
        bottom = max((n.y + n.height for n in self.nodes.values()), default=0.0)
        bottom = max([bottom, *(e.bottom for e in self.edges.values())])
        self.height = bottom + MARGIN
        self._index()

    def _kind(self, key: str, ids: list[str]) -> str:
        if key not in self.project.items:
            return SUMMARY
        return MILESTONE if self.project.items[ids[0]].is_milestone else TASK

    def _build_nodes(self, keys, kinds, members, column_of, tops) -> None:
        for v, key in enumerate(keys):
            kind, x, y = kinds[v], column_x(column_of[v]), tops[v]
            in_x, out_x = x, x + NODE_W
            if kind == MILESTONE:
                in_x, out_x = x + (NODE_W - DIAMOND) / 2, x + (NODE_W + DIAMOND) / 2
            phase = self.project.items[members[key][0]].phase
            self.nodes[key] = GraphNode(
                key, kind, phase, column_of[v], x, y, NODE_W, _HEIGHT[kind],
                y + _PORT[kind], in_x, out_x, tuple(members[key]),
            )  # fmt: skip

    def _build_edges(self, keys, pairs, bundles, back, chains, column_of, tops, offsets) -> None:
        for (a, b), is_back, chain in zip(pairs, back, chains, strict=True):
            source, target = self.nodes[keys[a]], self.nodes[keys[b]]
            deps = tuple(bundles[(a, b)])
            plain = len(deps) == 1 and not source.is_summary and not target.is_summary
            key = deps[0] if plain else f"{source.key}>{target.key}"
            points = [(source.out_x, source.port_y)]
            if not is_back:
                if source.out_x < source.x + NODE_W:
                    points.append((source.x + NODE_W, source.port_y))
                for d in chain[1:-1]:
                    x, y = column_x(column_of[d]), tops[d] + offsets[d]
                    points += [(x, y), (x + NODE_W, y)]
                if target.in_x > target.x:
                    points.append((target.x, target.port_y))
            points.append((target.in_x, target.port_y))
            # A level-ended curve stays inside its end points' box; a backward one swings out.
            reach = [*points, *controls(points[0], points[-1])] if is_back else points
            xs, ys = [p[0] for p in reach], [p[1] for p in reach]
            self.edges[key] = GraphEdge(
                key, source.key, target.key, deps, tuple(points), is_back,
                min(xs), min(ys), max(xs), max(ys),
            )  # fmt: skip

    def _index(self) -> None:
        """Nodes by column sorted by top, links by the columns they run over."""
        self._column_keys: list[list[str]] = []
        self._column_tops: list[list[float]] = []
        for column in self.columns:
            ordered = sorted(column, key=lambda k: self.nodes[k].y)
            self._column_keys.append(ordered)
            self._column_tops.append([self.nodes[k].y for k in ordered])
        self._tallest = max((n.height for n in self.nodes.values()), default=0.0)
        self._edge_buckets: list[list[str]] = [[] for _ in self.columns]
        for key, edge in self.edges.items():
            for column in self._column_span(edge.left, edge.right):
                self._edge_buckets[column].append(key)
        self._links_of: dict[str, list[str]] = {}
        for key, edge in self.edges.items():
            self._links_of.setdefault(edge.source, []).append(key)
            self._links_of.setdefault(edge.target, []).append(key)
        self.edge_of_dependency = {d: e.key for e in self.edges.values() for d in e.dependency_ids}

    def _column_span(self, x0: float, x1: float) -> range:
        """Columns whose stretch (the column and the gap after it) overlaps x0 .. x1."""
        first = max(0, math.floor((x0 - MARGIN) / PITCH))
        last = min(len(self.columns) - 1, math.floor((x1 - MARGIN) / PITCH))
        return range(first, last + 1)

    # --- dates and flags ------------------------------------------------------------------

    def refresh(self, schedule: ReleaseSchedule | None = None) -> None:
        """Take the critical path, conflicts and summary spans from the (new) schedule."""
        if schedule is not None:
            self.schedule = schedule
        s = self.schedule
        least = s.min_slack()
        self.critical = {
            s.ids[n] for n in range(len(s.ids)) if s.lf[n] - s.dur[n] - s.es[n] <= least
        }
        self.conflict_text: dict[str, list[str]] = {}
        self.conflict_items: set[str] = set()
        self.conflict_links: set[str] = set()
        for conflict in s.conflicts():
            for item_id in conflict.item_ids:
                self.conflict_text.setdefault(item_id, []).append(conflict.message)
                if conflict.kind != "late":
                    self.conflict_items.add(item_id)
            self.conflict_links.update(conflict.dependency_ids)
        self.critical_links = set()
        for n, links in enumerate(s.preds):
            if s.ids[n] in self.critical and s.driver[n] is not None:
                for p, _code, _lag, dep_id in links:
                    if dep_id == s.driver[n] and s.ids[p] in self.critical:
                        self.critical_links.add(dep_id)
        self.summary_facts: dict[str, tuple[int, int, int, int]] = {}
        for node in self.nodes.values():
            if node.is_summary:
                index = [s.index[i] for i in node.item_ids]
                self.summary_facts[node.key] = (
                    min(s.es[n] for n in index),
                    max(s.es[n] + s.dur[n] for n in index),
                    sum(1 for i in node.item_ids if i in self.critical),
                    sum(1 for i in node.item_ids if i in self.conflict_items),
                )

    def is_critical(self, node: GraphNode) -> bool:
        if node.is_summary:
            return self.summary_facts[node.key][2] > 0
        return node.item_ids[0] in self.critical

    def has_conflict(self, node: GraphNode) -> bool:
        if node.is_summary:
            return self.summary_facts[node.key][3] > 0
        return node.item_ids[0] in self.conflict_items

    def edge_is_critical(self, edge: GraphEdge) -> bool:
        return any(d in self.critical_links for d in edge.dependency_ids)

    def edge_has_conflict(self, edge: GraphEdge) -> bool:
        return edge.backward or any(d in self.conflict_links for d in edge.dependency_ids)

    def dates_text(self, node: GraphNode) -> str:
        """'2 Mar – 8 Mar' (a milestone: its day) for a box or a summary."""
        s = self.schedule
        if node.is_summary:
            first, end = self.summary_facts[node.key][:2]
            return f"{_day(s.calendar.date_of(first))} – {_day(s.calendar.date_of(end - 1))}"
        n = s.index[node.item_ids[0]]
        if s.milestone[n]:
            return _day(s.start_date(n))
        return f"{_day(s.start_date(n))} – {_day(s.finish_date(n))}"

    def link_text(self, edge: GraphEdge) -> str:
        """What a link's label says: '' for a plain finish-to-start, 'SS +2d', '×12'."""
        if edge.dependency_id is None:
            count = len(edge.dependency_ids)
            return f"×{count}" if count > 1 else ""
        dep = self.project.dependencies.get(edge.key)
        if dep is None:
            return ""
        lag = f" {dep.lag:+d}d" if dep.lag else ""
        return "" if dep.type == "FS" and not lag else f"{dep.type}{lag}"

    # --- finding things -------------------------------------------------------------------

    def nodes_in(self, x0: float, y0: float, x1: float, y1: float) -> list[GraphNode]:
        """Nodes overlapping the rectangle, column by column."""
        found = []
        for column in self._column_span(x0 - NODE_W, x1):
            tops = self._column_tops[column]
            first = bisect.bisect_left(tops, y0 - self._tallest)
            last = bisect.bisect_right(tops, y1)
            for key in self._column_keys[column][first:last]:
                node = self.nodes[key]
                if node.x <= x1 and node.x + node.width >= x0 and node.y + node.height >= y0:
                    found.append(node)
        return found

    def edges_in(self, x0: float, y0: float, x1: float, y1: float) -> list[GraphEdge]:
        """Links whose extent overlaps the rectangle, each once."""
        keys: set[str] = set()
        for column in self._column_span(x0 - PITCH, x1):
            keys.update(self._edge_buckets[column])
        edges = self.edges
        return [
            e
            for e in (edges[k] for k in sorted(keys))
            if e.right >= x0 and e.left <= x1 and e.bottom >= y0 and e.top <= y1
        ]

    def node_at(self, x: float, y: float) -> GraphNode | None:
        for node in self.nodes_in(x, y, x, y):
            if node.contains(x, y):
                return node
        return None

    def edge_at(self, x: float, y: float, tolerance: float = 4.0) -> GraphEdge | None:
        """The link passing closest to (x, y), within ``tolerance``."""
        best, best_d = None, tolerance
        for edge in self.edges_in(x - tolerance, y - tolerance, x + tolerance, y + tolerance):
            line = polyline(edge.points)
            for p, q in itertools.pairwise(line):
                d = _distance(x, y, p, q)
                if d <= best_d:
                    best, best_d = edge, d
        return best

    def links_of(self, key: str) -> list[str]:
        """Keys of the links into and out of a node."""
        return self._links_of.get(key, [])


_HEIGHT = {TASK: NODE_H, MILESTONE: NODE_H, SUMMARY: SUMMARY_H, _DUMMY: DUMMY_H}
_PORT = {TASK: NODE_H / 2, MILESTONE: DIAMOND / 2 + 2, SUMMARY: SUMMARY_H / 2, _DUMMY: DUMMY_H / 2}


def column_x(column: int) -> float:
    return MARGIN + column * PITCH


def _day(day) -> str:
    return f"{day.day} {day.strftime('%b')}"


def _distance(x: float, y: float, p: tuple[float, float], q: tuple[float, float]) -> float:
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - p[0]) * dx + (y - p[1]) * dy) / length))
    return math.hypot(x - p[0] - t * dx, y - p[1] - t * dy)
