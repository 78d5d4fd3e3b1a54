"""The release lifecycle's rules for the problems list: gates, deployment and training."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from relplan.domain.deployment import deployment_problems
from relplan.domain.gates import gate_problems
from relplan.domain.model import Project
from relplan.domain.training import training_problems

if TYPE_CHECKING:
    from relplan.domain.plan_checks import PlanProblem
    from relplan.domain.schedule import ReleaseSchedule


def lifecycle_problems(
    project: Project, schedules: Mapping[str, ReleaseSchedule]
) -> Iterable[PlanProblem]:
    """Blocked Deploy and unsigned gates, windows in freezes, training after go-live."""
    yield from gate_problems(project, schedules)
    yield from deployment_problems(project, schedules)
    yield from training_problems(project, schedules)
