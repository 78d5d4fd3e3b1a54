"""The release plan PDF: cover, summary, tiled timeline, dependency graph, milestones, RACI,
gates, test cycles, deployment, training and notes (issue "PDF exports", DESIGN.md §5).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak
from reportlab.platypus.doctemplate import LayoutError

from relplan import __version__
from relplan.domain.model import Project, Release
from relplan.export.layout import TimelineLayout
from relplan.export.pdf import blocks, plan_sections, plan_summary, text
from relplan.export.pdf.cover import Cover, Fact
from relplan.export.pdf.facts import ReleaseFacts, day, plural, release_facts, weekday
from relplan.export.pdf.graph import MAX_ITEMS, NetworkDiagram
from relplan.export.pdf.legend import Legend
from relplan.export.pdf.pages import (
    PROGRESS_TOTAL,
    DocInfo,
    PageSetup,
    Progress,
    build,
    progress_part,
)
from relplan.export.pdf.tilemap import TileMap
from relplan.export.pdf.timeline import TimelineChart, TimelineTile, choose_zoom

# Section id -> title, in the order they are printed.
PLAN_SECTIONS: dict[str, str] = {
    "summary": "Summary",
    "timeline": "Timeline",
    "graph": "Dependency graph",
    "milestones": "Milestones",
    "raci": "Responsibilities (RACI)",
    "gates": "Gates and sign-offs",
    "tests": "Test cycles",
    "deployment": "Deployment and rollback",
    "training": "Training",
    "notes": "Notes on work items",
}


@dataclass(frozen=True)
class PlanOptions:
    """What goes into the plan and on what paper; ``as_of`` is the status date (today)."""

    sections: tuple[str, ...] = tuple(PLAN_SECTIONS)
    page_size: str = "A4"
    orientation: str = "landscape"
    as_of: date | None = None
    zoom: str | None = None  # None: weeks, or months for releases longer than a year
    author: str | None = None

    def __post_init__(self) -> None:
        unknown = [s for s in self.sections if s not in PLAN_SECTIONS]
        if unknown:
            raise ValueError(
                f"unknown section {unknown[0]!r}; choose from {', '.join(PLAN_SECTIONS)}"
            )


def export_plan(
    project: Project,
    release: Release,
    path: str | os.PathLike,
    options: PlanOptions | None = None,
    progress: Progress | None = None,
    commit: Callable[[], None] | None = None,
) -> int:
    """Write the release plan of ``release`` to ``path``; returns the number of pages.

    ``progress(done, total, step)`` is called as the work goes on; raising
    :class:`~relplan.export.pdf.pages.ExportCancelled` from it cancels the export and
    leaves ``path`` as it was. ``commit()`` is called right before the finished PDF
    replaces ``path``; raising ``ExportCancelled`` there still leaves ``path`` as it was.
    """
    options = options or PlanOptions()
    setup = PageSetup(options.page_size, options.orientation)
    preparing = progress_part(progress, 0, 100) or _ignore
    laying_out = progress_part(progress, 100, PROGRESS_TOTAL)
    preparing(0, 1, "Scheduling the release")
    facts = release_facts(project, release, options.as_of)
    info = _info(facts, options)
    try:
        story = plan_story(facts, setup, options, preparing)
        return build(story, path, setup, info, laying_out, commit)
    except LayoutError:
        # Some user text was too long to fit a page even after clipping: retry clipped harder.
        with text.tight():
            story = plan_story(facts, setup, options, preparing)
            return build(story, path, setup, info, laying_out, commit)


def plan_story(
    facts: ReleaseFacts,
    setup: PageSetup,
    options: PlanOptions,
    progress: Progress | None = None,
) -> list[Flowable]:
    """The flowables of the plan, section by section, in :data:`PLAN_SECTIONS` order."""
    report = progress or _ignore
    width, height = setup.frame_width, setup.frame_height - 1
    story: list[Flowable] = [_cover(facts), NextPageTemplate("body"), PageBreak()]
    chosen = [s for s in PLAN_SECTIONS if s in options.sections]
    builders: dict[str, Callable[[ReleaseFacts, float, int], list[Flowable]]] = {
        "summary": plan_summary.summary,
        "milestones": plan_summary.milestones,
        "raci": plan_sections.raci,
        "gates": plan_sections.gates,
        "tests": plan_sections.tests,
        "deployment": plan_sections.deployment,
        "training": plan_sections.training,
        "notes": plan_sections.notes,
    }
    for number, name in enumerate(chosen, start=1):
        report(number - 1, len(chosen) + 1, f"Preparing {PLAN_SECTIONS[name].lower()}")
        if number > 1:
            if name in ("timeline", "graph", "milestones", "raci", "gates", "notes"):
                story.append(PageBreak())
            else:
                story.append(CondPageBreak(height * 0.3))
        if name == "timeline":
            story += _timeline(facts, width, height, number, options.zoom)
        elif name == "graph":
            story += _graph(facts, width, height, number)
        else:
            story += builders[name](facts, width, number)
    return story


def _timeline(
    facts: ReleaseFacts, width: float, height: float, number: int, zoom: str | None
) -> list[Flowable]:
    layout = TimelineLayout(facts.project, facts.schedule, zoom or choose_zoom(facts), facts.as_of)
    chart = TimelineChart(facts, layout, width, height)
    specs = chart.tiles()
    out: list[Flowable] = [blocks.section("Timeline", number)]
    if not specs:
        return [*out, blocks.body("The release has no work items to show.")]
    unit = "months" if layout.zoom != "month" else "years"
    out.append(
        blocks.body(
            f"Printed at a readable size over {plural(len(specs), 'page')}, each with the item "
            f"column and the time axis, cut at whole {unit} where possible; pages with nothing "
            "scheduled on them are left out. The map shows the whole release in miniature and "
            "which page holds which part; the bookmarks list them too.",
        )
    )
    out.append(Legend(width))
    out.append(blocks.gap(6))
    out.append(TileMap(chart, specs, width))
    for n, spec in enumerate(specs, start=1):
        out += [PageBreak(), TimelineTile(chart, spec, n, len(specs))]
    return out


def _graph(facts: ReleaseFacts, width: float, height: float, number: int) -> list[Flowable]:
    out: list[Flowable] = [blocks.section("Dependency graph", number)]
    count = len(facts.items)
    if count == 0:
        return [*out, blocks.body("The release has no work items.")]
    if count > MAX_ITEMS:
        out.append(
            blocks.body(
                f"With {count} work items the full graph would not be readable on paper; the "
                "timeline shows every link. These are the items on the critical path, the "
                "chain that decides the finish date:",
            )
        )
        critical = sorted(
            (it for it in facts.items if facts.dates[it.id].critical),
            key=lambda it: facts.dates[it.id].start_index,
        )
        rows = [
            [it.name, it.phase.label, day(facts.dates[it.id].start), day(facts.dates[it.id].finish)]
            for it in critical[:500]
        ]
        out.append(
            blocks.grid(
                ["Critical item", "Phase", "Start", "Finish"], rows, [6, 1.2, 1.5, 1.5], width
            )
        )
        return out
    diagram = NetworkDiagram(facts, width, height)
    pages = diagram.flowables()
    out.append(
        blocks.body(
            "Each box is a work item with its dates and the accountable person; links run from "
            "an item to the items waiting for it. The critical path is drawn in red: any delay "
            f"on it moves the finish date. The graph takes {plural(len(pages), 'page')}.",
        )
    )
    for page in pages:
        out += [PageBreak(), page]
    return out


def _cover(facts: ReleaseFacts) -> Cover:
    release, project = facts.release, facts.project
    status, tone, _sentence = facts.status()
    owner = facts.owner
    prepared = ""
    if owner is not None:  # imported releases often have no owner
        prepared = f"  ·  Prepared by {owner.name}" + (f", {owner.role}" if owner.role else "")
    version = f"Version {release.version}  ·  " if release.version else ""
    return Cover(
        "Release plan",
        release.name,
        f"{version}{project.name}",
        release.description,
        [
            Fact("Status", status, tone),
            Fact("Go-live", weekday(facts.go_live)),
            Fact("Deadline", weekday(release.deadline)),
            Fact("Release owner", owner.name if owner else "–"),
            Fact("Current phase", release.phase.label),
            Fact("Complete", f"{facts.progress} %"),
        ],
        f"Status as of {weekday(facts.as_of)}{prepared}  ·  made with relplan {__version__}",
        release.phase,
    )


def _info(facts: ReleaseFacts, options: PlanOptions) -> DocInfo:
    release, project = facts.release, facts.project
    owner = facts.owner
    return DocInfo(
        title=f"{release.name} – release plan",
        author=options.author or (owner.name if owner else "relplan"),
        subject=f"Release plan of {release.name} ({project.name}), status as of {day(facts.as_of)}",
        header_left=f"{release.name}  ·  Release plan",
        header_right=project.name,
        footer_left=f"Status as of {day(facts.as_of)}"
        + (f"  ·  version {release.version}" if release.version else ""),
        keywords=("release plan", release.name, project.name),
    )


def _ignore(done: int, total: int, step: str) -> None:
    return None
