"""Helpers for the exchange tests: where the shared interop files are, and a plan snapshot.

The interop files (MS Project and GanttProject files from other projects) are LGPL and GPL,
so they are read from ``../shared/interop`` beside the repository, never copied into it;
tests that need them are skipped where that folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from relplan.domain.model import Project, Release
from relplan.domain.schedule import ReleaseSchedule

INTEROP = Path(__file__).resolve().parents[2].parent / "shared" / "interop"

needs_interop = pytest.mark.skipif(
    not INTEROP.is_dir(), reason="the shared interop files (../shared/interop) are not here"
)


def only_release(project: Project) -> Release:
    (release,) = project.releases.values()
    return release


def snapshot(project: Project, release: Release) -> dict[str, object]:
    """What a planner sees of one release, keyed by names instead of ids."""
    schedule = ReleaseSchedule(project, release)
    names = {item.id: item.name for item in project.release_items(release.id)}
    people = {person.id: person.name for person in project.people.values()}
    teams = {team.id: team.name for team in project.teams.values()}
    calendar = project.calendar_for(release)
    return {
        "items": sorted(
            (
                item.name,
                item.kind.value,
                item.phase.value,
                item.duration,
                str(item.constraint),
                item.progress,
                item.notes,
                schedule.dates(item.id).start,
                schedule.dates(item.id).finish,
            )
            for item in project.release_items(release.id)
        ),
        "links": sorted(
            (names[d.predecessor_id], names[d.successor_id], d.type.value, d.lag)
            for d in project.dependencies.values()
            if d.successor_id in names
        ),
        "roles": sorted(
            (names[a.item_id], people[a.person_id], a.role.value, a.allocation)
            for a in project.assignments.values()
            if a.item_id in names
        ),
        "people": sorted(
            (p.name, p.email, p.availability, teams.get(p.team_id or "", ""))
            for p in project.people.values()
        ),
        "work_week": calendar.work_week,
        "holidays": sorted(h.on for h in calendar.holidays),
        "deadline": release.deadline,
    }
