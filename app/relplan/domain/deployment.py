"""Deployment: the window a release goes into production in, and its rollback plan.

The window must not overlap a change freeze of the release's calendar (DESIGN.md §1); a
release with Deploy work needs a window and a written rollback plan. These are plan checks,
not refusals: a planner may enter a window first and sort out the freeze afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from relplan.domain.calendar import format_day
from relplan.domain.edits import ChangeSet, EditError, update_record
from relplan.domain.model import FreezeWindow, Phase, Project, Release

if TYPE_CHECKING:
    from relplan.domain.plan_checks import PlanProblem
    from relplan.domain.schedule import ReleaseSchedule

MAX_ROLLBACK_CHARS = 20_000


def _release(project: Project, release_id: str) -> Release:
    try:
        return project.releases[release_id]
    except KeyError:
        raise EditError("That release no longer exists; choose another.") from None


def set_deployment_window(
    project: Project, release_id: str, start: date | None, end: date | None
) -> ChangeSet:
    """Set (or, with two Nones, clear) the days the release may go into production."""
    release = _release(project, release_id)
    if (start is None) != (end is None):
        raise EditError("A deployment window needs a first and a last day; set both or neither.")
    if start is not None and end is not None and end < start:
        raise EditError("The deployment window ends before it starts; check the two dates.")
    if start is None:
        description = f"Clear the deployment window of '{release.name}'"
    else:
        description = f"Deploy '{release.name}' {window_text(start, end)}"
    return update_record(
        project,
        "releases",
        release.id,
        description,
        deployment_window_start=start,
        deployment_window_end=end,
    )


def set_rollback_plan(project: Project, release_id: str, text: str) -> ChangeSet:
    release = _release(project, release_id)
    text = text.strip()
    if len(text) > MAX_ROLLBACK_CHARS:
        raise EditError(
            f"A rollback plan can be at most {MAX_ROLLBACK_CHARS:,} characters; "
            "link to a longer document instead."
        )
    return update_record(
        project,
        "releases",
        release.id,
        f"Edit the rollback plan of '{release.name}'",
        rollback_plan=text,
    )


def window_text(start: date | None, end: date | None) -> str:
    """ "26 Feb 2027 – 28 Feb 2027", or "" without a window."""
    if start is None or end is None:
        return ""
    if start == end:
        return format_day(start)
    return f"{format_day(start)} – {format_day(end)}"


def window_freezes(project: Project, release: Release) -> list[FreezeWindow]:
    """The change freezes of the release's calendar that overlap its deployment window."""
    start, end = release.deployment_window_start, release.deployment_window_end
    if start is None or end is None:
        return []
    calendar = project.calendar_for(release)
    return [f for f in calendar.freezes if f.start <= end and start <= f.end]


def go_live_date(
    project: Project, release: Release, schedule: ReleaseSchedule | None
) -> date | None:
    """The day of the Deploy gate's milestone (go-live), as scheduled; None if unknown."""
    if schedule is None:
        return None
    for gate in project.gates.values():
        if (
            gate.release_id == release.id
            and gate.phase is Phase.DEPLOY
            and gate.milestone_id in schedule.index
        ):
            return schedule.dates(gate.milestone_id).finish
    return None


def deployment_problems(
    project: Project, schedules: Mapping[str, ReleaseSchedule]
) -> Iterable[PlanProblem]:
    """A window in a freeze, after the deadline or missing; a missing rollback plan."""
    from relplan.domain.plan_checks import PlanProblem  # plan_checks lists this check

    deploying = {item.release_id for item in project.items.values() if item.phase is Phase.DEPLOY}
    # A window is asked for once the release follows the gated process or reaches Test:
    # a first sketch of a plan is not yet a problem.
    gated = {g.release_id for g in project.gates.values()}
    for release in project.releases.values():
        start, end = release.deployment_window_start, release.deployment_window_end
        has_window = start is not None and end is not None
        if not has_window:
            due = release.id in gated or release.phase in (Phase.TEST, Phase.DEPLOY)
            if release.id in deploying and due:
                yield PlanProblem(
                    "warning",
                    "Deployment",
                    f"'{release.name}' has no deployment window; agree one outside the change "
                    "freezes and enter it under Deployment.",
                    release.id,
                )
            continue
        for freeze in window_freezes(project, release):
            yield PlanProblem(
                "error",
                "Deployment",
                f"The deployment window of '{release.name}' ({window_text(start, end)}) "
                f"overlaps the change freeze '{freeze.name}' "
                f"({window_text(freeze.start, freeze.end)}); move the window out of the freeze.",
                release.id,
            )
        if release.deadline is not None and end is not None and end > release.deadline:
            yield PlanProblem(
                "warning",
                "Deployment",
                f"The deployment window of '{release.name}' ends on {format_day(end)}, after "
                f"the deadline {format_day(release.deadline)}; move the window or the deadline.",
                release.id,
            )
        if not release.rollback_plan.strip():
            yield PlanProblem(
                "warning",
                "Deployment",
                f"'{release.name}' has a deployment window but no rollback plan; write down "
                "when and how to roll back before the deployment.",
                release.id,
            )
