"""Rules of the planning process checked over a whole project, for the problems list.

Schedule conflicts come from :mod:`relplan.domain.schedule`; everything else a planner
should see as a problem (RACI rules, over-allocation, gates waiting for sign-off, ...) is
a check listed in :data:`CHECKS`. A check is a pure function of the project and its
schedules; add a rule by adding its function to the list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from relplan.domain.lifecycle_checks import lifecycle_problems
from relplan.domain.model import Project
from relplan.domain.raci import check_raci
from relplan.domain.requests import request_problems
from relplan.domain.schedule import ReleaseSchedule
from relplan.domain.workload import check_overallocation


@dataclass(frozen=True, slots=True)
class PlanProblem:
    """One broken rule: how serious, a short kind label, the sentence, what it is about."""

    severity: str  # "error" | "warning"
    kind: str  # e.g. "RACI", "Workload", "Gate"
    message: str  # names the problem and what to do
    release_id: str | None = None
    item_ids: tuple[str, ...] = ()


Check = Callable[[Project, Mapping[str, ReleaseSchedule]], Iterable[PlanProblem]]

CHECKS: list[Check] = [check_raci, check_overallocation, request_problems, lifecycle_problems]


def plan_problems(project: Project, schedules: Mapping[str, ReleaseSchedule]) -> list[PlanProblem]:
    """Every problem every check finds, errors first, in the order the checks are listed."""
    found = [problem for check in CHECKS for problem in check(project, schedules)]
    found.sort(key=lambda p: p.severity != "error")
    return found
