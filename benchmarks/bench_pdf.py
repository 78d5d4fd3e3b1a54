"""Figures for the PDF exports: the full release plan of a synthetic release, and a handout.

Not a timed test: prints medians (targets: 1,000 items under 2 s, 10,000 under 15 s). The
plan has every section; each run writes a fresh file. The first run in a process also
loads the fonts, so it is reported apart.

    .venv/bin/python benchmarks/bench_pdf.py [--sizes 1000 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from relplan.export.pdf import HandoutOptions, PlanOptions, export_handout, export_plan
from relplan.samples import sample_project, synthetic_project


def timed(run) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, pages) of one call of ``run``."""
    wall, cpu = time.perf_counter(), time.process_time()
    pages = run()
    return time.perf_counter() - wall, time.process_time() - cpu, pages


def bench_plan(items: int, repeat: int, folder: Path) -> None:
    project = synthetic_project(items, seed=1)
    release = next(iter(project.releases.values()))
    walls, cpus, pages = [], [], 0
    for n in range(repeat):
        path = folder / f"plan-{items}-{n}.pdf"
        wall, cpu, pages = timed(lambda path=path: export_plan(project, release, path))
        walls.append(wall)
        cpus.append(cpu)
    size = (folder / f"plan-{items}-0.pdf").stat().st_size / 1e6
    print(
        f"plan, {items:>6} items: median {statistics.median(walls):6.2f} s "
        f"(CPU {statistics.median(cpus):6.2f} s, best {min(walls):6.2f} s) "
        f"for {pages} pages, {size:.1f} MB"
    )


def bench_sample(repeat: int, folder: Path) -> None:
    project = sample_project()
    release = project.release_by_name("Payments 4.2")
    plan, handout = [], []
    for n in range(repeat):
        plan.append(timed(lambda n=n: export_plan(project, release, folder / f"s{n}.pdf"))[0])
        handout.append(
            timed(
                lambda n=n: export_handout(project, release, folder / f"h{n}.pdf", HandoutOptions())
            )[0]
        )
    print(
        f"sample 'Payments 4.2': plan {statistics.median(plan):.2f} s, "
        f"handout for everyone {statistics.median(handout):.2f} s (medians)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first = timed(
            lambda: export_plan(
                sample_project(),
                sample_project().release_by_name("Payments 4.2"),
                folder / "first.pdf",
                PlanOptions(sections=("summary",)),
            )
        )[0]
        print(f"first export in this process (loads the fonts): {first:.2f} s")
        bench_sample(args.repeat, folder)
        for items in args.sizes:
            bench_plan(items, args.repeat, folder)


if __name__ == "__main__":
    main()
