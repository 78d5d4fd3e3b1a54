"""Fixtures and helpers for the main-window tests: isolated settings, scripted prompts,
recorded messages and a small release to plan.

Test modules import the ``*_fixture`` functions they use from here, which registers them
with pytest under their short names (``window``, ``prompts``, ...).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from relplan.domain import edits
from relplan.domain.edits import apply_changes
from relplan.domain.model import (
    DependencyType,
    ItemKind,
    Person,
    Phase,
    Project,
    RaciRole,
    Release,
    Team,
)
from relplan.storage import save_project
from relplan.ui import messages
from relplan.ui.dialogs.prompts import SaveChoice
from relplan.ui.main_window import MainWindow
from relplan.ui.settings import Settings

# The offscreen platform warns whenever a QMainWindow is shown; it says nothing about us.
IGNORE_OFFSCREEN = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

RELEASE = "rel-1"
KICKOFF, BUILD, TEST, GOLIVE = "kickoff", "build", "test", "golive"


class ScriptedPrompts:
    """Stands in for the window's dialogs: answers from a script, and records what it showed."""

    def __init__(self) -> None:
        self.unsaved_answers: list[SaveChoice] = []
        self.unsaved_asked: list[str] = []
        self.open_path: str | None = None
        self.save_path: str | None = None
        self.file_problems: list[dict[str, str]] = []
        self.shown: list[tuple[str, str]] = []
        self.unpin_answer = True
        self.about_shown = 0

    def ask_unsaved_changes(self, name: str) -> SaveChoice:
        self.unsaved_asked.append(name)
        return self.unsaved_answers.pop(0) if self.unsaved_answers else SaveChoice.DISCARD

    def ask_open_path(self, folder: str) -> str | None:
        return self.open_path

    def ask_save_path(self, suggested: str) -> str | None:
        return self.save_path

    def show_file_problem(self, title: str, text: str, informative: str, details: str) -> None:
        self.file_problems.append(
            {"title": title, "text": text, "informative": informative, "details": details}
        )

    def show_message(self, level: str, text: str) -> None:
        self.shown.append((level, text))

    def confirm_unpin(self, name: str) -> bool:
        return self.unpin_answer

    def show_about(self) -> None:
        self.about_shown += 1


def small_project() -> Project:
    """Kick-off -> Build API (5 d) -> Test (3 d) -> Go-live, one release with a deadline."""
    project = Project(name="Small project")
    project.add(
        Release(RELEASE, "Small 1.0", "1.0", start=date(2027, 3, 1), deadline=date(2027, 3, 31))
    )
    project.add(Team("team-1", "Engineering"))
    project.add(Person("ann", "Ann Archer", "ann@example.com", "Developer", "team-1"))
    project.add(Person("bob", "Bob Baker", "bob@example.com", "Product owner"))
    steps = [
        edits.add_item(
            project, RELEASE, "Kick-off", ItemKind.MILESTONE, Phase.PLAN, item_id=KICKOFF
        ),
        edits.add_item(project, RELEASE, "Build API", ItemKind.TASK, Phase.BUILD, 5, item_id=BUILD),
        edits.add_item(project, RELEASE, "Test API", ItemKind.TASK, Phase.TEST, 3, item_id=TEST),
        edits.add_item(
            project, RELEASE, "Go-live", ItemKind.MILESTONE, Phase.DEPLOY, item_id=GOLIVE
        ),
    ]
    for step in steps:
        apply_changes(project, step)
    for pred, succ, dep_id in ((KICKOFF, BUILD, "d1"), (BUILD, TEST, "d2"), (TEST, GOLIVE, "d3")):
        apply_changes(
            project,
            edits.add_dependency(project, pred, succ, DependencyType.FS, dependency_id=dep_id),
        )
    apply_changes(project, edits.assign(project, BUILD, "ann", RaciRole.RESPONSIBLE, 60))
    apply_changes(project, edits.assign(project, BUILD, "bob", RaciRole.ACCOUNTABLE))
    # The rest of the RACI too, so the plan has no problems until a test makes one.
    apply_changes(project, edits.assign(project, TEST, "ann", RaciRole.RESPONSIBLE, 50))
    for item_id in (KICKOFF, TEST, GOLIVE):
        apply_changes(project, edits.assign(project, item_id, "bob", RaciRole.ACCOUNTABLE))
    return project


def write_project(path: Path, project: Project | None = None) -> Path:
    save_project(project or small_project(), path)
    return path


def write_newer_file(path: Path) -> Path:
    """A valid file that claims a newer schema version than this relplan knows."""
    write_project(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["_meta"]["1"]["schema_version"] += 1
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(name="settings")
def settings_fixture(tmp_path: Path) -> Settings:
    """Settings in an ini file of the test's own, never the user's.

    Default-constructed QSettings are sent to the temp folder too, as a safety net.
    """
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "default-settings"))
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture(name="prompts")
def prompts_fixture() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture(name="recorded")
def recorded_fixture():
    """Every message sent through the message bridge, as (level, text)."""
    log: list[tuple[str, str]] = []
    slots = {
        level: (lambda text, level=level: log.append((level, text)))
        for level in ("info", "warning", "error")
    }
    for level, slot in slots.items():
        getattr(messages.bridge, level).connect(slot)
    yield log
    for level, slot in slots.items():
        getattr(messages.bridge, level).disconnect(slot)


@pytest.fixture(name="window")
def window_fixture(qtbot, settings: Settings, prompts: ScriptedPrompts) -> MainWindow:
    """The main window, shown, with scripted prompts and isolated settings."""
    win = MainWindow(settings)
    win.prompts = prompts  # type: ignore[assignment]
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture(name="project_file")
def project_file_fixture(tmp_path: Path) -> Path:
    return write_project(tmp_path / "small.relplan")
