"""The vocabulary of release planning as immutable records.

Every record is a frozen dataclass with a stable UUID ``id``. A :class:`Project` holds one
dict per table (id -> record). Records are never mutated: an edit replaces a record with
``dataclasses.replace`` (see :mod:`relplan.domain.edits`), so the record that was there
before is itself the undo information and can be shared without copying.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


def new_id() -> str:
    """A fresh stable id (UUID4 as text)."""
    return str(uuid.uuid4())


class Phase(StrEnum):
    """The ITIL release phases, in order (DESIGN.md §1)."""

    REQUEST = "request"
    PLAN = "plan"
    BUILD = "build"
    TEST = "test"
    DEPLOY = "deploy"
    SUPPORT = "support"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def order(self) -> int:
        return list(Phase).index(self)


class ItemKind(StrEnum):
    TASK = "task"
    MILESTONE = "milestone"


class DependencyType(StrEnum):
    """Finish-to-start, start-to-start, finish-to-finish, start-to-finish."""

    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


class ConstraintKind(StrEnum):
    START_NO_EARLIER_THAN = "start_no_earlier_than"
    MUST_FINISH_ON = "must_finish_on"


class RaciRole(StrEnum):
    RESPONSIBLE = "R"
    ACCOUNTABLE = "A"
    CONSULTED = "C"
    INFORMED = "I"


class RequestType(StrEnum):
    FEATURE = "feature"
    CHANGE = "change"
    DEFECT = "defect"


class Priority(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class RequestStatus(StrEnum):
    NEW = "new"
    UNDER_EVALUATION = "under_evaluation"
    APPROVED = "approved"
    REJECTED = "rejected"
    RECONFIGURED = "reconfigured"
    SCHEDULED = "scheduled"
    DELIVERED = "delivered"


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    RECONFIGURE = "reconfigure"


class TestKind(StrEnum):
    __test__ = False  # not a pytest test class

    FUNCTIONAL = "functional"
    NON_FUNCTIONAL = "non_functional"
    UAT = "uat"


class TestResult(StrEnum):
    __test__ = False  # not a pytest test class

    PLANNED = "planned"
    PASSED = "passed"
    FAILED = "failed"


class SignOffDecision(StrEnum):
    GO = "go"
    NO_GO = "no_go"


@dataclass(frozen=True, slots=True)
class Constraint:
    """A date constraint on a work item.

    ``start_no_earlier_than``: the item starts on or after ``on`` (a milestone: is shown on
    or after ``on``). ``must_finish_on``: the item finishes exactly on ``on``; if its
    predecessors push it later, that is a conflict, never a silent move.
    """

    kind: ConstraintKind
    on: date


@dataclass(frozen=True, slots=True)
class Holiday:
    on: date
    name: str = ""


@dataclass(frozen=True, slots=True)
class FreezeWindow:
    """A change freeze: Deploy items may not be scheduled from ``start`` to ``end`` inclusive."""

    name: str
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Calendar:
    """Working time: the work week (0 = Monday .. 6 = Sunday), holidays and freezes."""

    id: str
    name: str
    work_week: tuple[int, ...] = (0, 1, 2, 3, 4)
    holidays: tuple[Holiday, ...] = ()
    freezes: tuple[FreezeWindow, ...] = ()


@dataclass(frozen=True, slots=True)
class Release:
    id: str
    name: str
    version: str = ""
    start: date = field(default_factory=date.today)
    deadline: date | None = None
    phase: Phase = Phase.PLAN
    calendar_id: str | None = None
    owner_id: str | None = None
    description: str = ""
    deployment_window_start: date | None = None
    deployment_window_end: date | None = None
    rollback_plan: str = ""


@dataclass(frozen=True, slots=True)
class WorkItem:
    """A task (duration in working days) or a milestone (duration 0) of one release."""

    id: str
    release_id: str
    name: str
    kind: ItemKind = ItemKind.TASK
    phase: Phase = Phase.BUILD
    duration: int = 1
    constraint: Constraint | None = None
    progress: int = 0
    notes: str = ""

    @property
    def is_milestone(self) -> bool:
        return self.kind is ItemKind.MILESTONE


@dataclass(frozen=True, slots=True)
class Dependency:
    """``successor`` waits for ``predecessor``; ``lag`` in working days, negative = lead."""

    id: str
    predecessor_id: str
    successor_id: str
    type: DependencyType = DependencyType.FS
    lag: int = 0


@dataclass(frozen=True, slots=True)
class Team:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    email: str = ""
    role: str = ""
    team_id: str | None = None
    availability: int = 100


@dataclass(frozen=True, slots=True)
class Assignment:
    """A RACI role of a person on a work item; ``allocation`` (percent) counts for R only."""

    id: str
    item_id: str
    person_id: str
    role: RaciRole = RaciRole.RESPONSIBLE
    allocation: int = 100


@dataclass(frozen=True, slots=True)
class ChangeRequest:
    id: str
    title: str
    type: RequestType = RequestType.CHANGE
    requester: str = ""
    submitted: date | None = None
    priority: Priority = Priority.MEDIUM
    status: RequestStatus = RequestStatus.NEW
    release_id: str | None = None
    description: str = ""
    rationale: str = ""
    feasibility: str = ""
    reconfiguration_possible: bool | None = None
    reconfiguration_notes: str = ""
    decision: Decision | None = None
    decided_by: str = ""
    decided_on: date | None = None
    decision_reason: str = ""
    user_impact: str = ""
    user_steps: tuple[str, ...] = ()
    audience_ids: tuple[str, ...] = ()
    origin_release_id: str | None = None


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    id: str
    text: str
    done: bool = False
    done_by: str = ""
    done_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Checklist:
    id: str
    name: str
    entries: tuple[ChecklistEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Gate:
    """The gate at the end of a phase: a milestone, a checklist and the roles that must sign."""

    id: str
    release_id: str
    name: str
    phase: Phase
    milestone_id: str | None = None
    checklist_id: str | None = None
    required_roles: tuple[str, ...] = ()
    override_reason: str = ""
    overridden_by: str = ""
    overridden_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SignOff:
    id: str
    gate_id: str
    role: str
    person_id: str | None = None
    decision: SignOffDecision | None = None
    signed_at: datetime | None = None
    comment: str = ""


@dataclass(frozen=True, slots=True)
class TestCycle:
    __test__ = False  # a test cycle of a release, not a pytest test class

    id: str
    release_id: str
    name: str
    kind: TestKind = TestKind.FUNCTIONAL
    start: date | None = None
    end: date | None = None
    result: TestResult = TestResult.PLANNED
    defects_found: int = 0
    item_id: str | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Audience:
    id: str
    name: str
    description: str = ""
    person_ids: tuple[str, ...] = ()
    team_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TrainingSession:
    id: str
    release_id: str
    audience_id: str
    title: str
    on: date | None = None
    trainer_id: str | None = None
    location: str = ""


# Table name -> record class, in the order tables are written and validated: a record only
# refers to records of tables listed before it (except dependencies between items).
TABLES: dict[str, type] = {
    "calendars": Calendar,
    "teams": Team,
    "people": Person,
    "releases": Release,
    "items": WorkItem,
    "dependencies": Dependency,
    "assignments": Assignment,
    "audiences": Audience,
    "change_requests": ChangeRequest,
    "checklists": Checklist,
    "gates": Gate,
    "sign_offs": SignOff,
    "test_cycles": TestCycle,
    "training_sessions": TrainingSession,
}

RECORD_TABLE: dict[type, str] = {cls: name for name, cls in TABLES.items()}

# Reference fields, by name, and the table whose ids they hold: one list for the file
# checks, merge and diff. A new reference field must be added here.
REFERENCES: dict[str, str] = {
    "calendar_id": "calendars",
    "owner_id": "people",
    "release_id": "releases",
    "origin_release_id": "releases",
    "item_id": "items",
    "predecessor_id": "items",
    "successor_id": "items",
    "milestone_id": "items",
    "person_id": "people",
    "trainer_id": "people",
    "person_ids": "people",
    "team_id": "teams",
    "team_ids": "teams",
    "audience_id": "audiences",
    "audience_ids": "audiences",
    "checklist_id": "checklists",
    "gate_id": "gates",
}


@dataclass(slots=True)
class Project:
    """One project file: settings plus one ``id -> record`` dict per table.

    The dicts are owned by the project and changed only through :mod:`edits`; the
    records in them are immutable.
    """

    name: str = "Untitled project"
    calendars: dict[str, Calendar] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    releases: dict[str, Release] = field(default_factory=dict)
    items: dict[str, WorkItem] = field(default_factory=dict)
    dependencies: dict[str, Dependency] = field(default_factory=dict)
    assignments: dict[str, Assignment] = field(default_factory=dict)
    audiences: dict[str, Audience] = field(default_factory=dict)
    change_requests: dict[str, ChangeRequest] = field(default_factory=dict)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    gates: dict[str, Gate] = field(default_factory=dict)
    sign_offs: dict[str, SignOff] = field(default_factory=dict)
    test_cycles: dict[str, TestCycle] = field(default_factory=dict)
    training_sessions: dict[str, TrainingSession] = field(default_factory=dict)

    def table(self, name: str) -> dict:
        """The ``id -> record`` dict of table ``name`` (a key of :data:`TABLES`)."""
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}")
        return getattr(self, name)

    def add(self, record: object) -> None:
        """Put ``record`` in its table (replacing a record with the same id)."""
        self.table(RECORD_TABLE[type(record)])[record.id] = record  # type: ignore[attr-defined]

    def release_items(self, release_id: str) -> list[WorkItem]:
        return [it for it in self.items.values() if it.release_id == release_id]

    def release_by_name(self, name: str) -> Release | None:
        """The release called ``name`` (case-insensitive), or None."""
        wanted = name.casefold()
        for release in self.releases.values():
            if release.name.casefold() == wanted:
                return release
        return None

    def calendar_for(self, release: Release) -> Calendar:
        """The release's calendar, or a plain Monday-to-Friday week if it names none."""
        if release.calendar_id and release.calendar_id in self.calendars:
            return self.calendars[release.calendar_id]
        return Calendar(id="", name="Standard")
