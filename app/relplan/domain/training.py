"""Training: audiences (the people and teams to train) and training sessions of a release.

Audiences belong to the project (the support desk is trained for every release); sessions
belong to a release and take place on a date, with a trainer, in a room or online.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from relplan.domain.calendar import format_day
from relplan.domain.deployment import go_live_date
from relplan.domain.edits import (
    ChangeSet,
    EditError,
    RecordChange,
    add_record,
    update_record,
)
from relplan.domain.model import Audience, Project, TrainingSession, new_id

if TYPE_CHECKING:
    from relplan.domain.plan_checks import PlanProblem
    from relplan.domain.schedule import ReleaseSchedule


def _clean(text: str, what: str) -> str:
    text = " ".join(str(text).split())
    if not text:
        raise EditError(f"A {what} needs a name; type one.")
    if len(text) > 500:
        raise EditError(f"A {what} name can be at most 500 characters; shorten it.")
    return text


def audience_members(project: Project, audience: Audience) -> list[str]:
    """Names of the audience's people and teams, people first, for lists and handouts."""
    people = [project.people[p].name for p in audience.person_ids if p in project.people]
    teams = [f"{project.teams[t].name} (team)" for t in audience.team_ids if t in project.teams]
    return people + teams


def audience_size(project: Project, audience: Audience) -> int:
    """How many different people the audience reaches (its people plus its teams' members)."""
    reached = {p for p in audience.person_ids if p in project.people}
    teams = set(audience.team_ids)
    reached |= {p.id for p in project.people.values() if p.team_id in teams}
    return len(reached)


# --- audiences -----------------------------------------------------------------------------


def _check_members(project: Project, person_ids: Iterable[str], team_ids: Iterable[str]):
    people = tuple(dict.fromkeys(person_ids))
    teams = tuple(dict.fromkeys(team_ids))
    if any(p not in project.people for p in people) or any(t not in project.teams for t in teams):
        raise EditError("Someone chosen is no longer in the project; refresh and choose again.")
    return people, teams


def add_audience(
    project: Project,
    name: str,
    description: str = "",
    person_ids: Iterable[str] = (),
    team_ids: Iterable[str] = (),
    audience_id: str | None = None,
) -> ChangeSet:
    name = _clean(name, "audience")
    if any(a.name.casefold() == name.casefold() for a in project.audiences.values()):
        raise EditError(f"There is an audience '{name}' already; choose another name.")
    people, teams = _check_members(project, person_ids, team_ids)
    audience = Audience(audience_id or new_id(), name, description.strip(), people, teams)
    return add_record(project, audience, f"Add audience '{name}'")


def update_audience(project: Project, audience_id: str, **values) -> ChangeSet:
    """Change an audience's name, description, people or teams."""
    audience = _audience(project, audience_id)
    if "name" in values:
        values["name"] = _clean(values["name"], "audience")
    if "description" in values:
        values["description"] = values["description"].strip()
    people, teams = _check_members(
        project,
        values.get("person_ids", audience.person_ids),
        values.get("team_ids", audience.team_ids),
    )
    values.update(person_ids=people, team_ids=teams)
    return update_record(project, "audiences", audience_id, **values)


def add_members(
    project: Project, audience_id: str, person_ids: Iterable[str] = (), team_ids: Iterable[str] = ()
) -> ChangeSet:
    """People or teams dropped on an audience join it (those already in it stay once)."""
    audience = _audience(project, audience_id)
    people = (*audience.person_ids, *person_ids)
    teams = (*audience.team_ids, *team_ids)
    changes = update_audience(project, audience_id, person_ids=people, team_ids=teams)
    return ChangeSet(f"Add to audience '{audience.name}'", changes.changes)


def remove_audience(project: Project, audience_id: str) -> ChangeSet:
    """Remove an audience; refused while training sessions are planned for it."""
    audience = _audience(project, audience_id)
    sessions = [s for s in project.training_sessions.values() if s.audience_id == audience_id]
    if sessions:
        count = len(sessions)
        raise EditError(
            f"'{audience.name}' has {count} training session{'' if count == 1 else 's'}; "
            "remove them or give them another audience first."
        )
    changes = [RecordChange("audiences", audience.id, audience, None)]
    for request in project.change_requests.values():
        if audience_id in request.audience_ids:
            kept = tuple(a for a in request.audience_ids if a != audience_id)
            after = dataclasses.replace(request, audience_ids=kept)
            changes.append(RecordChange("change_requests", request.id, request, after))
    return ChangeSet(f"Remove audience '{audience.name}'", tuple(changes))


def _audience(project: Project, audience_id: str) -> Audience:
    try:
        return project.audiences[audience_id]
    except KeyError:
        raise EditError("That audience no longer exists; refresh the view.") from None


# --- sessions ------------------------------------------------------------------------------


def _check_session(project: Project, session: TrainingSession) -> TrainingSession:
    title = _clean(session.title, "training session")
    if session.release_id not in project.releases:
        raise EditError("Choose a release for the training session first.")
    if session.audience_id not in project.audiences:
        raise EditError("Choose who the training is for: pick an audience.")
    if session.trainer_id is not None and session.trainer_id not in project.people:
        raise EditError("The trainer is no longer in the project; choose another.")
    return dataclasses.replace(session, title=title, location=session.location.strip())


def add_training_session(
    project: Project,
    release_id: str,
    audience_id: str,
    title: str,
    on: date | None = None,
    trainer_id: str | None = None,
    location: str = "",
    session_id: str | None = None,
) -> ChangeSet:
    session = TrainingSession(
        session_id or new_id(), release_id, audience_id, title, on, trainer_id, location
    )
    session = _check_session(project, session)
    return add_record(project, session, f"Add training '{session.title}'")


def update_training_session(project: Project, session_id: str, **values) -> ChangeSet:
    """Change a session's title, audience, date, trainer or place."""
    before = _session(project, session_id)
    after = _check_session(project, dataclasses.replace(before, **values))
    fields = {f.name: getattr(after, f.name) for f in dataclasses.fields(after)}
    return update_record(project, "training_sessions", session_id, **fields)


def remove_training_session(project: Project, session_id: str) -> ChangeSet:
    session = _session(project, session_id)
    return ChangeSet(
        f"Remove training '{session.title}'",
        (RecordChange("training_sessions", session.id, session, None),),
    )


def _session(project: Project, session_id: str) -> TrainingSession:
    try:
        return project.training_sessions[session_id]
    except KeyError:
        raise EditError("That training session no longer exists; refresh the view.") from None


def release_sessions(project: Project, release_id: str) -> list[TrainingSession]:
    """The release's sessions by date (undated last), then title."""
    sessions = [s for s in project.training_sessions.values() if s.release_id == release_id]
    return sorted(sessions, key=lambda s: (s.on is None, s.on or date.min, s.title.casefold()))


def training_problems(
    project: Project, schedules: Mapping[str, ReleaseSchedule]
) -> Iterable[PlanProblem]:
    """Sessions without a date, after go-live, or for an audience with nobody in it."""
    from relplan.domain.plan_checks import PlanProblem  # plan_checks lists this check

    go_live: dict[str, date | None] = {}
    empty_told: set[tuple[str, str]] = set()  # (release, audience): said once, not per session
    for session in project.training_sessions.values():
        release = project.releases.get(session.release_id)
        audience = project.audiences.get(session.audience_id)
        if release is None or audience is None:
            continue
        if release.id not in go_live:
            go_live[release.id] = go_live_date(project, release, schedules.get(release.id))
        live = go_live[release.id]
        if session.on is None:
            yield PlanProblem(
                "warning",
                "Training",
                f"Training '{session.title}' of '{release.name}' has no date; pick one "
                "before go-live.",
                release.id,
            )
        elif live is not None and session.on > live:
            yield PlanProblem(
                "warning",
                "Training",
                f"Training '{session.title}' on {format_day(session.on)} is after the go-live "
                f"of '{release.name}' ({format_day(live)}); train {audience.name} before it.",
                release.id,
            )
        if (release.id, audience.id) not in empty_told and audience_size(project, audience) == 0:
            empty_told.add((release.id, audience.id))
            yield PlanProblem(
                "warning",
                "Training",
                f"Training '{session.title}' is for '{audience.name}', which has nobody in "
                "it; add its people or teams.",
                release.id,
            )
