"""Turning another tool's plan into a relplan project, the same way for every format.

Readers (MSPDI, GanttProject, CSV) translate their file into a :class:`PlanSource`: tasks
with their outline parent, links, people and roles, in relplan's units (working days).
:func:`build_project` then makes one release of it and writes the report:

- Summary tasks are not work items: a summary whose name is a phase ("Build", "Testing")
  gives its tasks that phase; any other summary becomes a group, kept as a first line
  ``Group: NAME`` in the notes of its tasks. A link to or from a summary is moved to the
  summary's first or last tasks (approximated, and said so).
- Links are checked as relplan checks them: no self links, no duplicates, no cycles.
- Dates: relplan computes dates from links and constraints. A task that the file shows
  later than its links allow (placed by hand, levelled) gets a ``start_no_earlier_than``
  so it keeps its date; the report lists them.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date

from relplan.domain.graph import acyclic_edges, release_graph
from relplan.domain.model import (
    Assignment,
    Calendar,
    Constraint,
    ConstraintKind,
    Dependency,
    DependencyType,
    ItemKind,
    Person,
    Phase,
    Project,
    RaciRole,
    Release,
    Team,
    WorkItem,
    new_id,
)
from relplan.export.exchange_report import ExchangeReport, plural
from relplan.export.import_dates import keep_dates_in_range, pin_dates

MAX_DURATION = 10_000
MAX_LAG = 1000
MAX_NAME = 500

# Summary names that mean a phase (casefolded, with a trailing "phase" removed).
PHASE_NAMES: dict[str, Phase] = {
    "request": Phase.REQUEST,
    "requests": Phase.REQUEST,
    "plan": Phase.PLAN,
    "planning": Phase.PLAN,
    "build": Phase.BUILD,
    "development": Phase.BUILD,
    "implementation": Phase.BUILD,
    "test": Phase.TEST,
    "testing": Phase.TEST,
    "deploy": Phase.DEPLOY,
    "deployment": Phase.DEPLOY,
    "rollout": Phase.DEPLOY,
    "support": Phase.SUPPORT,
}

GROUP_PREFIX = "Group: "


@dataclass(slots=True)
class SourceTask:
    """One task (or summary) as the file has it, already in working days."""

    key: str
    name: str
    parent: str | None = None
    summary: bool = False
    milestone: bool = False
    duration: int = 1
    start: date | None = None  # where the file shows it (a milestone: the day it is shown on)
    constraint: Constraint | None = None
    progress: int = 0
    notes: str = ""
    phase: Phase | None = None  # a phase the file names directly (CSV)
    id: str | None = None  # a stable id the file carries (MSPDI GUID, CSV UID), if any


@dataclass(slots=True)
class SourceLink:
    predecessor: str
    successor: str
    type: DependencyType = DependencyType.FS
    lag: int = 0


@dataclass(slots=True)
class SourcePerson:
    key: str
    name: str
    email: str = ""
    role: str = ""
    team: str = ""
    availability: int = 100
    id: str | None = None


@dataclass(slots=True)
class SourceRole:
    """A person's RACI role on a task (an MS Project assignment, a GanttProject allocation)."""

    task: str
    person: str
    role: RaciRole = RaciRole.RESPONSIBLE
    allocation: int = 100


@dataclass(slots=True)
class PlanSource:
    project_name: str
    release_name: str
    start: date | None
    calendar: Calendar
    tasks: list[SourceTask] = field(default_factory=list)
    links: list[SourceLink] = field(default_factory=list)
    people: list[SourcePerson] = field(default_factory=list)
    roles: list[SourceRole] = field(default_factory=list)
    deadline: date | None = None
    description: str = ""


@dataclass(slots=True)
class ImportResult:
    """The project an import made and the report of what it kept, approximated, dropped."""

    project: Project
    report: ExchangeReport


def stable_id(text: str | None) -> str | None:
    """``text`` as a canonical UUID string if it is one, else None."""
    if not text:
        return None
    try:
        return str(uuid.UUID(text.strip().strip("{}")))
    except ValueError:
        return None


def phase_of_name(name: str) -> Phase | None:
    """The phase a summary name stands for ("Testing", "Build phase"), or None."""
    key = " ".join(name.casefold().split())
    key = re.sub(r"\s*phase$", "", key)
    return PHASE_NAMES.get(key)


def clean_name(name: str, fallback: str, fixes: list[str]) -> str:
    """A name relplan accepts: one line, not empty, at most 500 characters."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        fixes.append(f"a task without a name is called '{fallback}'")
        return fallback
    if len(cleaned) > MAX_NAME:
        fixes.append(f"'{cleaned[:40]}...' shortened to {MAX_NAME} characters")
        return cleaned[:MAX_NAME]
    return cleaned


def build_project(
    source: PlanSource, report: ExchangeReport, project: Project | None = None
) -> Project:
    """A project with one release made from ``source``; what changed goes into ``report``.

    With ``project``, the release is added to it, and people already there (same name) are
    reused rather than added twice.
    """
    project = project if project is not None else Project(name=source.project_name)
    keep_dates_in_range(source, report)
    calendar = source.calendar
    project.add(calendar)
    start = source.start or date.today()
    release = Release(
        id=new_id(),
        name=source.release_name,
        start=start,
        deadline=source.deadline,
        calendar_id=calendar.id,
        description=source.description,
    )
    project.add(release)
    builder = _Builder(project, release, source, report)
    builder.items()
    builder.links()
    builder.people_and_roles()
    builder.pin_dates()
    return project


class _Builder:
    def __init__(
        self, project: Project, release: Release, source: PlanSource, report: ExchangeReport
    ) -> None:
        self.project = project
        self.release = release
        self.source = source
        self.report = report
        self.tasks = {task.key: task for task in source.tasks}
        self.children: dict[str, list[str]] = {}
        for task in source.tasks:
            if task.parent is not None and task.parent in self.tasks:
                self.children.setdefault(task.parent, []).append(task.key)
        self.item_of: dict[str, str] = {}  # task key -> item id (leaves only)
        self.link_pairs: set[tuple[str, str]] = set()

    # --- items ------------------------------------------------------------------------

    def _is_summary(self, key: str) -> bool:
        return key in self.children

    def items(self) -> None:
        report = self.report
        fixes: list[str] = []
        groups: list[str] = []
        phased: dict[Phase, int] = {}
        tasks = milestones = 0
        for task in self.source.tasks:
            if self._is_summary(task.key):
                phase = phase_of_name(task.name)
                if phase is None:
                    groups.append(f"'{task.name}'")
                else:
                    phased[phase] = phased.get(phase, 0) + 1
                continue
            phase, group = self._phase_and_group(task)
            notes = task.notes.strip()
            if group:
                notes = f"{GROUP_PREFIX}{group}" + (f"\n{notes}" if notes else "")
            milestone = task.milestone
            duration = task.duration
            if milestone and duration:
                fixes.append(f"milestone '{task.name}' of {duration} days shown as a milestone")
            if not milestone and duration < 1:
                milestone = True
            if not milestone and duration > MAX_DURATION:
                fixes.append(f"'{task.name}' shortened from {duration} to {MAX_DURATION} days")
                duration = MAX_DURATION
            item_id = task.id if task.id and task.id not in self.project.items else new_id()
            item = WorkItem(
                id=item_id,
                release_id=self.release.id,
                name=clean_name(task.name, f"Task {task.key}", fixes),
                kind=ItemKind.MILESTONE if milestone else ItemKind.TASK,
                phase=phase,
                duration=0 if milestone else duration,
                constraint=task.constraint,
                progress=min(100, max(0, task.progress)),
                notes=notes,
            )
            self.project.add(item)
            self.item_of[task.key] = item.id
            if milestone:
                milestones += 1
            else:
                tasks += 1
        report.keep(f"{plural(tasks, 'task')} and {plural(milestones, 'milestone')}")
        items = self.project.items.values()
        constraints = {kind: 0 for kind in ConstraintKind}
        for item in items:
            if item.constraint is not None:
                constraints[item.constraint.kind] += 1
        if any(constraints.values()):
            kinds = ", ".join(
                f"{kind.value.replace('_', ' ')} {count}"
                for kind, count in constraints.items()
                if count
            )
            report.keep(f"{plural(sum(constraints.values()), 'date constraint')} ({kinds})")
        progress = sum(1 for item in items if item.progress)
        if progress:
            report.keep(f"progress of {plural(progress, 'task')}")
        if phased:
            names = ", ".join(f"{phase.label} ({count})" for phase, count in phased.items())
            report.keep(f"summary tasks named after a phase became phases: {names}")
        report.approximate_all(
            "summary tasks became groups, named in the first line of their tasks' notes", groups
        )
        report.approximate_all("task details adjusted to what relplan allows", fixes)

    def _phase_and_group(self, task: SourceTask) -> tuple[Phase, str]:
        """The phase from the nearest phase-named summary, and the other summaries' names."""
        phase = task.phase
        group: list[str] = []
        parent = task.parent
        seen: set[str] = set()
        while parent is not None and parent in self.tasks and parent not in seen:
            seen.add(parent)
            summary = self.tasks[parent]
            found = phase_of_name(summary.name)
            if found is not None:
                phase = phase or found
            else:
                group.append(" ".join(summary.name.split()) or f"Task {summary.key}")
            parent = summary.parent
        return phase or Phase.BUILD, " / ".join(reversed(group))

    def _leaves(self, key: str) -> list[str]:
        found: list[str] = []
        stack = [key]
        while stack:
            current = stack.pop()
            if current in self.children:
                stack.extend(reversed(self.children[current]))
            elif current in self.item_of:
                found.append(current)
        return found

    # --- links ------------------------------------------------------------------------

    def links(self) -> None:
        report = self.report
        moved: list[str] = []
        refused: list[str] = []
        counts = {kind: 0 for kind in DependencyType}
        lags = 0
        inner = self._links_between_leaves()
        for link in self.source.links:
            pred, succ = self.tasks.get(link.predecessor), self.tasks.get(link.successor)
            if pred is None or succ is None:
                missing = link.predecessor if pred is None else link.successor
                refused.append(f"a link names task {missing}, which the file does not have")
                continue
            preds = self._ends(link.predecessor, link.type.value[0] == "F", inner)
            succs = self._ends(link.successor, link.type.value[1] == "F", inner, successor=True)
            if not preds or not succs:
                refused.append(f"'{pred.name}' to '{succ.name}': a summary without tasks")
                continue
            if preds != [link.predecessor] or succs != [link.successor]:
                count = plural(len(preds) * len(succs), "link")
                moved.append(f"'{pred.name}' to '{succ.name}' ({count})")
            lag = link.lag
            if not -MAX_LAG <= lag <= MAX_LAG:
                refused.append(f"'{pred.name}' to '{succ.name}': a lag of {lag} days is too long")
                continue
            for p in preds:
                for s in succs:
                    problem = self._add_link(p, s, link.type, lag)
                    if problem:
                        refused.append(problem)
        for dep in self._break_cycles(refused):
            counts[dep.type] += 1
            lags += dep.lag != 0
        total = sum(counts.values())
        by_type = ", ".join(f"{kind.value} {counts[kind]}" for kind in DependencyType)
        report.keep(f"{plural(total, 'link')} ({by_type}), {lags} with a lag or lead")
        report.approximate_all("links to or from a summary task moved to its tasks", moved)
        report.drop_all("links relplan cannot keep", refused)

    def _links_between_leaves(self) -> list[tuple[str, str]]:
        return [
            (link.predecessor, link.successor)
            for link in self.source.links
            if link.predecessor in self.item_of and link.successor in self.item_of
        ]

    def _ends(
        self, key: str, finish: bool, inner: list[tuple[str, str]], successor: bool = False
    ) -> list[str]:
        """The tasks a link to or from ``key`` stands for: itself, or a summary's first or last.

        A link leaving a summary's finish (or arriving at it) concerns its last tasks, the
        ones no other task of the summary waits for; its start, the first ones.
        """
        if key in self.item_of:
            return [key]
        leaves = self._leaves(key)
        inside = set(leaves)
        if finish:
            waited_for = {p for p, s in inner if p in inside and s in inside}
            return [leaf for leaf in leaves if leaf not in waited_for]
        waiting = {s for p, s in inner if p in inside and s in inside}
        return [leaf for leaf in leaves if leaf not in waiting]

    def _add_link(self, pred: str, succ: str, kind: DependencyType, lag: int) -> str | None:
        names = f"'{self.tasks[pred].name}' to '{self.tasks[succ].name}'"
        if pred == succ:
            return f"{names}: a task cannot depend on itself"
        p, s = self.item_of[pred], self.item_of[succ]
        if (p, s) in self.link_pairs:
            return f"{names}: a second link between the same tasks"
        self.link_pairs.add((p, s))
        self.project.add(Dependency(new_id(), p, s, kind, lag))
        return None

    def _break_cycles(self, refused: list[str]) -> list[Dependency]:
        """Leave out the links that close a cycle (relplan refuses cycles); the rest stays.

        Checked once over the whole graph rather than link by link, which would take
        quadratic time on a long chain.
        """
        graph = release_graph(self.project, self.release.id)
        dropped, _cycles = acyclic_edges(graph)
        for pred, succ in dropped:
            dep = graph.edges[pred, succ]["dep"]
            del self.project.dependencies[dep.id]
            names = f"'{self.project.items[pred].name}' to '{self.project.items[succ].name}'"
            refused.append(f"{names}: it would close a cycle")
        return [dep for dep in self.project.dependencies.values() if dep.successor_id in graph]

    # --- people -----------------------------------------------------------------------

    def people_and_roles(self) -> None:
        report = self.report
        person_of: dict[str, str] = {}
        by_name = {p.name.casefold(): p.id for p in self.project.people.values()}
        teams = {t.name.casefold(): t.id for t in self.project.teams.values()}
        known = len(by_name)
        merged: list[str] = []
        used_ids: set[str] = set()
        for source in self.source.people:
            name = " ".join(source.name.split())[:MAX_NAME]
            if not name:
                continue
            key = name.casefold()
            if key in by_name:
                person_of[source.key] = by_name[key]
                if by_name[key] in used_ids:  # listed twice in this file, not an earlier one
                    merged.append(f"'{name}'")
                continue
            team_id = None
            if source.team:
                team_id = teams.get(source.team.casefold())
                if team_id is None:
                    team = Team(new_id(), source.team)
                    self.project.add(team)
                    team_id = teams[source.team.casefold()] = team.id
            taken = source.id in self.project.people
            person_id = source.id if source.id and not taken else new_id()
            used_ids.add(person_id)
            person = Person(
                person_id,
                name,
                source.email.strip(),
                source.role.strip(),
                team_id,
                min(100, max(0, source.availability)),
            )
            self.project.add(person)
            person_of[source.key] = by_name[key] = person.id
        people = len(by_name) - known
        report.keep(
            f"{plural(people, 'person', 'people')}"
            + (f" in {plural(len(teams), 'team')}" if teams else "")
        )
        report.approximate_all("people listed twice under one name were merged", merged)
        self._roles(person_of)

    def _roles(self, person_of: dict[str, str]) -> None:
        report = self.report
        dropped: list[str] = []
        capped: list[str] = []
        chosen: dict[tuple[str, str], SourceRole] = {}
        for role in self.source.roles:
            task = self.tasks.get(role.task)
            if role.person not in person_of:
                dropped.append(f"a role on '{task.name if task else role.task}' names no person")
                continue
            if task is None:
                continue
            if role.task not in self.item_of:
                dropped.append(f"{role.role.value} on summary task '{task.name}'")
                continue
            key = (self.item_of[role.task], person_of[role.person])
            previous = chosen.get(key)
            # One role per person and item: R with the larger allocation wins, then A, C, I.
            if previous is None or _rank(role) < _rank(previous):
                chosen[key] = role
        counts = dict.fromkeys(RaciRole, 0)
        for (item_id, person_id), role in chosen.items():
            allocation = role.allocation if role.role is RaciRole.RESPONSIBLE else 0
            if allocation > 100:
                capped.append(f"{self.project.items[item_id].name}: {allocation} %")
            allocation = min(100, max(0, allocation))
            self.project.add(Assignment(new_id(), item_id, person_id, role.role, allocation))
            counts[role.role] += 1
        if chosen:
            by_role = ", ".join(f"{r.value} {counts[r]}" for r in RaciRole if counts[r])
            report.keep(f"{plural(len(chosen), 'assignment')} ({by_role})")
        else:
            report.keep("no assignments")
        report.approximate_all("allocations above 100 % capped at 100 %", capped)
        report.drop_all("assignments relplan cannot keep", dropped)

    # --- dates ------------------------------------------------------------------------

    def pin_dates(self) -> None:
        """Keep the file's dates where links alone would start a task earlier."""
        wanted = {
            self.item_of[task.key]: task.start
            for task in self.source.tasks
            if task.key in self.item_of and task.start is not None and task.constraint is None
        }
        pin_dates(self.project, self.release, wanted, self.report)


def _rank(role: SourceRole) -> tuple[int, int]:
    order = {RaciRole.RESPONSIBLE: 0, RaciRole.ACCOUNTABLE: 1, RaciRole.CONSULTED: 2}
    return order.get(role.role, 3), -role.allocation
