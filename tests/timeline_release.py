"""A small release for the timeline tests: kick-off -> build -> test -> UAT -> go-live."""

from __future__ import annotations

from datetime import date

from relplan.domain import edits
from relplan.domain.model import (
    Calendar,
    DependencyType,
    FreezeWindow,
    Holiday,
    ItemKind,
    Phase,
    Project,
    Release,
)

START = date(2027, 3, 1)  # a Monday
DEADLINE = date(2027, 3, 31)


def small_release(
    freezes: tuple[FreezeWindow, ...] = (), holidays: tuple[Holiday, ...] = ()
) -> Project:
    """The project; item ids are short names: kickoff, build, docs, test, uat, golive.

    Kick-off (shown 1 Mar) -> Build API (2-8 Mar) -> Test (9-11 Mar) -SS+1-> UAT cycle 2
    (10-11 Mar) -> Go-live (shown 11 Mar); Write docs (2-4 Mar) hangs off the kick-off.
    """
    project = Project(name="Timeline test")
    project.add(Calendar("cal", "Office", holidays=holidays, freezes=freezes))
    project.add(Release("rel", "Release 2.4", "2.4", START, DEADLINE, calendar_id="cal"))
    items = {
        "kickoff": ("Kick-off", ItemKind.MILESTONE, Phase.PLAN, None),
        "build": ("Build API", ItemKind.TASK, Phase.BUILD, 5),
        "docs": ("Write docs", ItemKind.TASK, Phase.BUILD, 3),
        "test": ("Test", ItemKind.TASK, Phase.TEST, 3),
        "uat": ("UAT cycle 2", ItemKind.TASK, Phase.TEST, 2),
        "golive": ("Go-live", ItemKind.MILESTONE, Phase.DEPLOY, None),
    }
    for key, (name, kind, phase, duration) in items.items():
        change = edits.add_item(project, "rel", name, kind, phase, duration, item_id=key)
        edits.apply_changes(project, change)
    links = [
        ("kickoff", "build", DependencyType.FS, 0),
        ("kickoff", "docs", DependencyType.FS, 0),
        ("build", "test", DependencyType.FS, 0),
        ("test", "uat", DependencyType.SS, 1),
        ("uat", "golive", DependencyType.FS, 0),
    ]
    for pred, succ, kind, lag in links:
        change = edits.add_dependency(
            project, pred, succ, kind, lag, dependency_id=f"{pred}-{succ}"
        )
        edits.apply_changes(project, change)
    return project
