"""The dependency graph as a network diagram: one box per item in layers, tiled over pages.

Items sit in layers by the longest chain of links before them; within a layer they are
ordered so links run as straight as possible (barycentre sweeps). The diagram runs left to
right or top to bottom, whichever needs fewer pages, and is cut into page tiles like the
timeline; tiles with nothing on them are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from relplan.export.graph_order import generations, order_columns
from relplan.export.pdf import fonts, theme
from relplan.export.pdf.facts import ReleaseFacts
from relplan.export.pdf.timeline import short_day

NODE_W = 104.0
NODE_H = 32.0
CAPTION_H = 16.0
MAX_ITEMS = 250  # beyond this a drawing is no longer readable; the plan lists the path instead
_GAPS = {"across": (30.0, 12.0), "down": (14.0, 26.0)}  # (between layers, within a layer)


@dataclass(frozen=True)
class Node:
    item_id: str
    x: float  # lower-left corner in diagram points, y growing downwards
    y: float


@dataclass(frozen=True)
class GraphTile:
    x0: float
    y0: float
    x1: float
    y1: float


def layers(facts: ReleaseFacts) -> tuple[list[list[int]], list[list[int]], list[list[int]]]:
    """(layers of schedule indices, predecessors, successors) of the release's items."""
    s = facts.schedule
    size = len(s.ids)
    preds = [[p[0] for p in s.preds[n]] for n in range(size)]
    succs = [[q[0] for q in s.succs[n]] for n in range(size)]
    rank, _left_out = generations(size, [(p, n) for n in range(size) for p in preds[n]])
    out: list[list[int]] = [[] for _ in range(max(rank, default=-1) + 1)]
    for n in sorted(range(size), key=lambda n: (s.es[n], n)):
        out[rank[n]].append(n)
    return out, preds, succs


def _order(groups: list[list[int]], preds: list[list[int]], succs: list[list[int]]) -> dict:
    """Slot of every node: its place in its layer, layers centred on one line.

    The layers are ordered as on screen (:func:`relplan.export.graph_order.order_columns`:
    barycentre sweeps), which straightens chains and reduces crossings.
    """
    slot: dict[int, float] = {}
    for group in order_columns(groups, preds, succs):
        middle = (len(group) - 1) / 2
        for i, n in enumerate(group):
            slot[n] = i - middle
    return slot


class NetworkDiagram:
    """Node positions of a release's graph and the page tiles that show them."""

    def __init__(self, facts: ReleaseFacts, width: float, height: float) -> None:
        self.facts = facts
        self.width = width
        self.height = height
        groups, self.preds, self.succs = layers(facts)
        slot = _order(groups, self.preds, self.succs)
        rank = {n: r for r, group in enumerate(groups) for n in group}
        options = {d: self._place(d, rank, slot) for d in _GAPS}
        self.direction = min(options, key=lambda d: len(self._tiles(d, options[d])))
        self.nodes = options[self.direction]

    def _place(self, direction: str, rank: dict[int, int], slot: dict) -> dict[int, Node]:
        between, within = _GAPS[direction]
        ids = self.facts.schedule.ids
        low = min(slot.values(), default=0.0)
        slot = {n: value - low for n, value in slot.items()}
        nodes = {}
        for n, r in rank.items():
            if direction == "across":
                x, y = r * (NODE_W + between), slot[n] * (NODE_H + within)
            else:
                x, y = slot[n] * (NODE_W + within), r * (NODE_H + between)
            nodes[n] = Node(ids[n], x, y)
        return nodes

    def _tiles(self, direction: str, nodes: dict[int, Node]) -> list[GraphTile]:
        """Page-sized tiles cut between layers and slots, so no box is ever cut in two."""
        if not nodes:
            return []
        between, within = _GAPS[direction]
        pitch_x, pitch_y = (
            (NODE_W + between, NODE_H + within)
            if direction == "across"
            else (NODE_W + within, NODE_H + between)
        )
        room_w = max(1, int((self.width - 8 + pitch_x - NODE_W) // pitch_x)) * pitch_x
        room_h = max(1, int((self.height - CAPTION_H - 8 + pitch_y - NODE_H) // pitch_y)) * pitch_y
        right = max(node.x for node in nodes.values()) + NODE_W
        bottom = max(node.y for node in nodes.values()) + NODE_H
        tiles = []
        y = 0.0
        while y < bottom:
            x = 0.0
            while x < right:
                tile = GraphTile(x, y, x + room_w, y + room_h)
                if any(_inside(node, tile) for node in nodes.values()):
                    tiles.append(tile)
                x += room_w
            y += room_h
        return tiles

    def flowables(self) -> list[Flowable]:
        tiles = self._tiles(self.direction, self.nodes)
        return [GraphPage(self, tile, n + 1, len(tiles)) for n, tile in enumerate(tiles)]

    # --- drawing --------------------------------------------------------------------------

    def draw(self, canvas: Canvas, tile: GraphTile, part: int, parts: int) -> None:
        top = self.height - CAPTION_H - 4

        def X(x: float) -> float:
            return 4 + x - tile.x0

        def Y(y: float) -> float:
            return top - (y - tile.y0)

        canvas.setFillColor(theme.NAVY)
        w = fonts.draw_string(canvas, 0, self.height - 10, "Dependency graph", fonts.SANS_BOLD, 9)
        canvas.setFillColor(theme.MUTED)
        flow = "left to right" if self.direction == "across" else "top to bottom"
        fonts.draw_string(
            canvas,
            w + 6,
            self.height - 10,
            f"links run {flow}; red: critical path",
            fonts.SANS,
            8,
        )
        fonts.draw_string(
            canvas, self.width, self.height - 10, f"Part {part} of {parts}", fonts.SANS, 8, "end"
        )
        canvas.saveState()
        clip = canvas.beginPath()
        clip.rect(0, 0, self.width, top + 4)
        canvas.clipPath(clip, stroke=0, fill=0)
        self._edges(canvas, tile, X, Y)
        for n, node in self.nodes.items():
            if _inside(node, tile):
                self._node(canvas, n, X(node.x), Y(node.y + NODE_H))
        canvas.restoreState()

    def _edges(self, canvas: Canvas, tile: GraphTile, X, Y) -> None:
        dates = self.facts.dates
        plain, critical = canvas.beginPath(), canvas.beginPath()
        heads = {False: canvas.beginPath(), True: canvas.beginPath()}
        any_plain = any_critical = False
        across = self.direction == "across"
        margin = max(self.width, self.height)
        for n, node in self.nodes.items():
            for m in self.succs[n]:
                other = self.nodes[m]
                lo_x, hi_x = min(node.x, other.x), max(node.x, other.x) + NODE_W
                lo_y, hi_y = min(node.y, other.y), max(node.y, other.y) + NODE_H
                if hi_x < tile.x0 - margin or lo_x > tile.x1 + margin:
                    continue
                if hi_y < tile.y0 or lo_y > tile.y1:
                    continue
                hot = dates[node.item_id].critical and dates[other.item_id].critical
                path = critical if hot else plain
                if across:
                    sx, sy = X(node.x + NODE_W), Y(node.y + NODE_H / 2)
                    tx, ty = X(other.x), Y(other.y + NODE_H / 2)
                    bend = max(12.0, (tx - sx) / 2)
                    path.moveTo(sx, sy)
                    path.curveTo(sx + bend, sy, tx - bend, ty, tx - 3, ty)
                    _head(heads[hot], tx, ty, 1, 0)
                else:
                    sx, sy = X(node.x + NODE_W / 2), Y(node.y + NODE_H)
                    tx, ty = X(other.x + NODE_W / 2), Y(other.y)
                    bend = max(10.0, (sy - ty) / 2)
                    path.moveTo(sx, sy)
                    path.curveTo(sx, sy - bend, tx, ty + bend, tx, ty + 3)
                    _head(heads[hot], tx, ty, 0, -1)
                if hot:
                    any_critical = True
                else:
                    any_plain = True
        for path, head, used, color, width in (
            (plain, heads[False], any_plain, theme.ARROW, 0.6),
            (critical, heads[True], any_critical, theme.ARROW_CRITICAL, 1.0),
        ):
            if used:
                canvas.setStrokeColor(color)
                canvas.setFillColor(color)
                canvas.setLineWidth(width)
                canvas.drawPath(path, stroke=1, fill=0)
                canvas.drawPath(head, stroke=0, fill=1)

    def _node(self, canvas: Canvas, n: int, x: float, y: float) -> None:
        facts = self.facts
        item_id = facts.schedule.ids[n]
        item = facts.project.items[item_id]
        when = facts.dates[item_id]
        edge = theme.CRITICAL if when.critical else theme.GRID_MAJOR
        canvas.setFillColor(theme.WHITE)
        canvas.setStrokeColor(edge)
        canvas.setLineWidth(1.1 if when.critical else 0.6)
        canvas.roundRect(x, y, NODE_W, NODE_H, 3, stroke=1, fill=1)
        canvas.setFillColor(theme.PHASE_COLORS[item.phase])
        canvas.rect(x + 0.6, y + 3, 2.4, NODE_H - 6, stroke=0, fill=1)
        font = fonts.COND_BOLD if item.is_milestone else fonts.COND
        lines = _two_lines(item.name, font, 6.8, NODE_W - 10)
        canvas.setFillColor(theme.INK)
        for k, line in enumerate(lines):
            fonts.draw_string(canvas, x + 6, y + NODE_H - 9 - k * 8, line, font, 6.8)
        dates = (
            f"◆ {short_day(when.finish)}"
            if item.is_milestone
            else f"{short_day(when.start)} – {short_day(when.finish)}"
        )
        canvas.setFillColor(theme.CRITICAL if when.critical else theme.MUTED)
        fonts.draw_string(canvas, x + 6, y + 4, dates, fonts.COND, 6.0)
        if facts.accountable(item_id) is not None:
            canvas.setFillColor(theme.MUTED)
            who = fonts.fit(facts.accountable(item_id).name, fonts.COND, 6.0, NODE_W / 2 - 6)
            fonts.draw_string(canvas, x + NODE_W - 4, y + 4, who, fonts.COND, 6.0, "end")


class GraphPage(Flowable):
    def __init__(self, diagram: NetworkDiagram, tile: GraphTile, part: int, parts: int) -> None:
        super().__init__()
        self.diagram = diagram
        self.tile = tile
        self.part = part
        self.parts = parts
        self.outline_title = f"Part {part} of {parts}"
        self.outline_level = 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.diagram.width, self.diagram.height

    def draw(self) -> None:
        self.diagram.draw(self.canv, self.tile, self.part, self.parts)


def _head(path, x: float, y: float, dx: float, dy: float) -> None:
    """A small arrowhead with its tip at (x, y) pointing along (dx, dy)."""
    back_x, back_y = x - 4.2 * dx, y - 4.2 * dy
    path.moveTo(x, y)
    path.lineTo(back_x - 2.3 * dy, back_y + 2.3 * dx)
    path.lineTo(back_x + 2.3 * dy, back_y - 2.3 * dx)
    path.close()


def _inside(node: Node, tile: GraphTile) -> bool:
    """A node belongs to the tile that holds its top-left corner (each is drawn once)."""
    return tile.x0 <= node.x < tile.x1 and tile.y0 <= node.y < tile.y1


def _two_lines(name: str, font: str, size: float, width: float) -> list[str]:
    """``name`` wrapped on at most two lines, the second clipped with an ellipsis."""
    words = name.split()
    first = ""
    while words and fonts.string_width(f"{first} {words[0]}".strip(), font, size) <= width:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one very long word
        return [fonts.fit(name, font, size, width)]
    rest = " ".join(words)
    return [first, fonts.fit(rest, font, size, width)] if rest else [first]
