"""The steps of a layered graph drawing, on plain integer vertices (no items, no Qt).

:func:`generations` puts each vertex in a column (its topological generation, cycles
broken), :func:`order_columns` orders the columns to reduce crossings (barycentre sweeps),
:func:`place_columns` gives each vertex a top so chains run straight (isotonic regression
per column), :func:`count_crossings` measures the result. The graph layout and the PDF
network diagram share them.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Sequence

SWEEPS = 8  # barycentre passes, alternately left to right and right to left
PASSES = 4  # straightening passes of place_columns
SNAP = 12.0  # a link this close to level is made level


def generations(size: int, edges: Sequence[tuple[int, int]]) -> tuple[list[int], list[bool]]:
    """The column of every vertex 0..size-1, and per edge whether it was left out.

    The column is the longest chain of edges before a vertex (networkx's topological
    generations). When several vertices are free the lowest index goes first, so callers
    decide the order by numbering. A cycle is broken at the waiting vertex with the fewest
    unmet edges; its unmet edges (and self loops) are reported as left out ("back" edges).
    """
    succs: list[list[int]] = [[] for _ in range(size)]
    waiting = [0] * size
    for a, b in edges:
        if a != b:
            succs[a].append(b)
            waiting[b] += 1
    emitted = [-1] * size
    free = [v for v in range(size) if waiting[v] == 0]
    heapq.heapify(free)
    count = 0
    while count < size:
        if not free:
            stuck = min((v for v in range(size) if emitted[v] < 0), key=lambda v: (waiting[v], v))
            waiting[stuck] = 0
            free.append(stuck)
        v = heapq.heappop(free)
        emitted[v] = count
        count += 1
        for w in succs[v]:
            waiting[w] -= 1
            if waiting[w] == 0:
                heapq.heappush(free, w)
    back = [a == b or emitted[a] > emitted[b] for a, b in edges]
    preds: list[list[int]] = [[] for _ in range(size)]
    for (a, b), left_out in zip(edges, back, strict=True):
        if not left_out:
            preds[b].append(a)
    rank = [0] * size
    for v in sorted(range(size), key=emitted.__getitem__):
        if preds[v]:
            rank[v] = 1 + max(rank[u] for u in preds[v])
    return rank, back


def order_columns(
    columns: Sequence[Sequence[int]],
    preds: Sequence[Sequence[int]],
    succs: Sequence[Sequence[int]],
    sweeps: int = SWEEPS,
) -> list[list[int]]:
    """The columns reordered so edges cross less; the best order seen is kept.

    Each sweep sorts a column by the mean slot of each vertex's neighbours in the columns
    already swept (predecessors left to right, successors right to left); slots are centred
    so columns of different heights line up. A vertex without such neighbours keeps its
    slot. Ties keep the previous order, so the result is deterministic. Vertices are
    indices into ``preds`` and ``succs``.
    """
    order = [list(column) for column in columns]
    slot = [0.0] * len(preds)

    def settle(column: list[int]) -> None:
        middle = (len(column) - 1) / 2
        for i, v in enumerate(column):
            slot[v] = i - middle

    for column in order:
        settle(column)
    best, best_crossings = [list(c) for c in order], count_crossings(order, succs)
    for sweep in range(sweeps):
        forward = sweep % 2 == 0
        near = preds if forward else succs
        for c in range(len(order)) if forward else reversed(range(len(order))):
            column = order[c]
            if len(column) < 2:
                continue
            keys = {}
            for v in column:
                others = near[v]
                own = slot[v]
                if others:
                    total = 0.0
                    for u in others:
                        total += slot[u]
                    keys[v] = (total / len(others), own)
                else:
                    keys[v] = (own, own)
            column.sort(key=keys.__getitem__)
            settle(column)
        if not forward or sweep == sweeps - 1:
            crossings = count_crossings(order, succs)
            if crossings < best_crossings:
                best, best_crossings = [list(c) for c in order], crossings
    return best


def count_crossings(columns: Sequence[Sequence[int]], succs: Sequence[Sequence[int]]) -> int:
    """How many pairs of edges between neighbouring columns cross."""
    position = [0] * len(succs)
    column_of = [-1] * len(succs)
    for c, column in enumerate(columns):
        for i, v in enumerate(column):
            position[v] = i
            column_of[v] = c
    total = 0
    for c in range(len(columns) - 1):
        nxt = c + 1
        pairs = sorted(
            (position[u], position[w]) for u in columns[c] for w in succs[u] if column_of[w] == nxt
        )
        seen: list[int] = []
        right, insort = bisect.bisect_right, bisect.insort
        for _pu, pw in pairs:
            total += len(seen) - right(seen, pw)
            insort(seen, pw)
    return total


def place_columns(
    columns: Sequence[Sequence[int]],
    heights: Sequence[float],
    ports: Sequence[float],
    gaps: Sequence[float],
    preds: Sequence[Sequence[int]],
    succs: Sequence[Sequence[int]],
    passes: int = PASSES,
) -> list[float]:
    """The top of every vertex, keeping each column's order and spacing.

    A vertex wants its port (``top + ports[v]``) level with the mean port of its
    neighbours; each column is then packed as close to those wishes as its order and
    spacing allow (least squares, pool-adjacent-violators). Passes alternate left to right
    (predecessors) and right to left (successors); a last pass uses both.
    """
    top = [0.0] * len(heights)
    separations = [
        [heights[a] + max(gaps[a], gaps[b]) for a, b in itertools.pairwise(column)]
        for column in columns
    ]
    for column, seps in zip(columns, separations, strict=True):
        y = 0.0
        for v, sep in zip(column, [*seps, 0.0], strict=True):
            top[v] = y
            y += sep

    def align(c: int, near: Sequence[Sequence[int]], more: Sequence[Sequence[int]] = ()) -> None:
        column = columns[c]
        wanted = []
        for v in column:
            others = near[v]
            if more:
                others = [*others, *more[v]]
            if others:
                total = 0.0
                for u in others:
                    total += top[u] + ports[u]
                wanted.append(total / len(others) - ports[v])
            else:
                wanted.append(top[v])
        for v, y in zip(column, pack(wanted, separations[c]), strict=True):
            top[v] = y

    count = len(columns)
    for _ in range(passes):
        for c in range(1, count):
            align(c, preds)
        for c in range(count - 2, -1, -1):
            align(c, succs)
    for c in range(count):
        align(c, preds, succs)
    _snap(columns, separations, top, ports, preds, succs)
    return top


def _snap(columns, separations, top, ports, preds, succs) -> None:
    """Level a link that is almost level, where spacing allows: a kink of a few points
    reads as a mistake. Left to right, so a chain snaps to its first item."""
    for column, seps in zip(columns, separations, strict=True):
        for i, v in enumerate(column):
            here = top[v] + ports[v]
            near = [top[u] + ports[u] for u in preds[v] or succs[v]]
            best = min(near, key=lambda y: abs(y - here), default=here)
            if best == here or abs(best - here) > SNAP:
                continue
            new = best - ports[v]
            if i > 0 and new < top[column[i - 1]] + seps[i - 1]:
                continue
            if i + 1 < len(column) and new + seps[i] > top[column[i + 1]]:
                continue
            top[v] = new


def pack(wanted: Sequence[float], separations: Sequence[float]) -> list[float]:
    """Positions as close to ``wanted`` as possible (least squares), each at least
    ``separations[i]`` after the one before (pool adjacent violators)."""
    offsets = [0.0]
    for sep in separations:
        offsets.append(offsets[-1] + sep)
    sums: list[float] = []
    sizes: list[int] = []
    for want, offset in zip(wanted, offsets, strict=True):
        total, size = want - offset, 1
        # Merge with the block before while its mean is higher (compared without dividing).
        while sums and sums[-1] * size > total * sizes[-1]:
            total += sums.pop()
            size += sizes.pop()
        sums.append(total)
        sizes.append(size)
    out: list[float] = []
    for total, size in zip(sums, sizes, strict=True):
        out.extend([total / size] * size)
    return [z + offset for z, offset in zip(out, offsets, strict=True)]
