"""Figures for the core: scheduling, incremental moves, load and save, against the floor.

Not a timed test: prints medians so they can be compared within one run on one machine.
The floor for load/save is plain ``json.load`` / ``json.dump`` + fsync of the same file.

    .venv/bin/python benchmarks/bench_core.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from relplan.domain import edits
from relplan.domain.schedule import ReleaseSchedule
from relplan.samples import synthetic_project
from relplan.storage import load_project, save_project


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def paired_ms(
    ours: Callable[[], object], floor: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians of ``ours`` and ``floor``, timed in turns."""
    mine, base = [], []
    for _ in range(repeat):
        mine.append(median_ms(ours, 1))
        base.append(median_ms(floor, 1))
    return statistics.median(mine), statistics.median(base)


def floor_load(path: Path) -> None:
    with open(path, encoding="utf-8") as f:
        json.load(f)


def floor_save(data: dict, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)
        f.flush()
        os.fsync(f.fileno())


def bench(size: int, repeat: int) -> None:
    project = synthetic_project(size, seed=1)
    release = next(iter(project.releases.values()))
    full = median_ms(lambda: ReleaseSchedule(project, release), repeat)

    schedule = ReleaseSchedule(project, release)
    rng = random.Random(7)
    ids = list(schedule.ids)
    move_times = []
    for _ in range(max(repeat * 5, 25)):
        item_id = rng.choice(ids)
        dates = schedule.dates(item_id)
        to = schedule.calendar.date_of(dates.start_index + rng.choice((-2, -1, 1, 2, 3)))
        change = edits.move_item(project, item_id, to)
        start = time.perf_counter()
        edits.apply_changes(project, change)
        schedule.update({item_id})
        move_times.append((time.perf_counter() - start) * 1000)
    move = statistics.median(move_times)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.relplan"
        save_project(project, path)
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        floor_path = Path(tmp) / "floor.json"
        # Ours and the floor alternate, so a busy moment on a shared machine hits both.
        save, fsave = paired_ms(
            lambda: save_project(project, path), lambda: floor_save(data, floor_path), repeat
        )
        load, fload = paired_ms(lambda: load_project(path), lambda: floor_load(path), repeat)
        cli = None
        if size == 10_000:
            cli = median_ms(
                lambda: subprocess.run(
                    [sys.executable, "-m", "relplan.cli", "schedule", str(path), "--json"],
                    check=False,
                    stdout=subprocess.DEVNULL,
                ),
                3,
            )
        mib = path.stat().st_size / 2**20

    print(f"\n{size:,} items ({len(project.dependencies):,} dependencies, file {mib:.1f} MiB)")
    print(f"  full schedule (graph + both passes)  {full:9.1f} ms")
    print(f"  incremental move of one item         {move:9.3f} ms median of {len(move_times)}")
    print(f"  save  {save:9.1f} ms   floor {fsave:8.1f} ms   ratio {save / fsave:4.2f}x")
    print(f"  load  {load:9.1f} ms   floor {fload:8.1f} ms   ratio {load / fload:4.2f}x")
    if cli is not None:
        print(f"  `relplan schedule --json`, whole process  {cli:9.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for size in args.sizes:
        bench(size, args.repeat if size < 100_000 else max(1, args.repeat // 2))


if __name__ == "__main__":
    main()
