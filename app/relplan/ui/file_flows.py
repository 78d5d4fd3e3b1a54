"""New, Open, Save, Save As and Close for the main window, with the unsaved-changes question.

Nothing is ever lost: a file that cannot be opened leaves the open project as it was; a
save that fails leaves the project open and marked unsaved. Every question goes through
the window's ``prompts`` so tests can answer it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from relplan.domain.model import Project, Release, new_id
from relplan.storage import ProjectFileError, ProjectSaveError
from relplan.ui import messages
from relplan.ui.dialogs.prompts import SUFFIX, SaveChoice, problem_lines
from relplan.ui.document import Document
from relplan.ui.file_safety import FileSafety
from relplan.ui.settings import LAST_FOLDER

if TYPE_CHECKING:
    from relplan.ui.main_window import MainWindow


def empty_project(today: date | None = None) -> Project:
    """A new project: one release starting next Monday, ready for its first items."""
    today = today or date.today()
    start = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    project = Project(name="Untitled project")
    project.add(Release(id=new_id(), name="Release 1", version="1.0", start=start))
    return project


class FileFlows:
    """The window's file commands; each returns True when it did what was asked."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.safety = FileSafety(window)  # locks, changes on disk, autosave, recovery

    @property
    def document(self) -> Document | None:
        return self.window.document

    def commit_typing(self) -> None:
        """Text typed but not yet entered counts too: the inspector's and the tabs' forms."""
        for view in (self.window.inspector, *self.window.extra_views.values()):
            commit = getattr(view, "commit_pending", None)
            if commit is not None:
                commit()

    # --- the question -----------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; False when the planner cancels (or saving fails)."""
        doc = self.document
        self.commit_typing()
        if doc is None or not doc.is_dirty:
            return True
        choice = self.window.prompts.ask_unsaved_changes(self.window.document_name(doc))
        if choice is SaveChoice.SAVE:
            return self.save()
        return choice is SaveChoice.DISCARD

    # --- new and open -----------------------------------------------------------------------

    def new_project(self, from_sample: bool = False) -> bool:
        if not self.maybe_save():
            return False
        if from_sample:
            from relplan.samples import sample_project

            project = sample_project()
        else:
            project = empty_project()
        self.window.set_document(self.safety.attach(Document(project)))
        what = f"the sample project {project.name}" if from_sample else "a new project"
        messages.info(f"Started {what}; use Save As to keep it in a file.")
        return True

    def open_dialog(self) -> bool:
        path = self.window.prompts.ask_open_path(self._start_folder())
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path) -> bool:
        """Open ``path`` in place of the current project (after asking to save it)."""
        path = Path(path)
        if not path.exists():  # say so plainly, and forget it in the recent files
            self._cannot_read(path, FileNotFoundError(path))
            return False
        if not self.maybe_save():
            return False
        plan = self.safety.plan_open(path)  # None: in use, and the planner cancelled
        if plan is None:
            return False
        try:
            doc = Document.open(path)
        except ProjectFileError as exc:
            plan.abandon()
            self._cannot_open(path, exc)
            return False
        except OSError as exc:
            plan.abandon()
            self._cannot_read(path, exc)
            return False
        doc = self.safety.attach(doc, plan)
        self.window.settings.add_recent_file(path)
        self.window.set_document(doc)
        self.window.refresh_recent_files()
        count = len(doc.load_problems)
        if plan.notice:
            messages.info(plan.notice)
        elif doc.read_only:
            messages.warning(
                f"{path.name} is open read-only because a newer relplan saved it in a file "
                "format this version does not know; update relplan to edit it, or use Save As "
                "to keep an editable copy (data only the newer version knows is left out)."
            )
        elif count:
            s = "" if count == 1 else "s"
            messages.info(f"Opened {path.name} with {count} warning{s}; see Problems.")
        else:
            messages.info(f"Opened {path.name}.")
        return True

    def _cannot_open(self, path: Path, exc: ProjectFileError) -> None:
        problems = list(getattr(exc, "problems", []) or [])
        listed = problem_lines(problems) if problems else str(exc)
        backup = path.with_name(path.name + ".bak")
        restore = (
            f" or open its backup {backup.name} (the version before the last save)"
            if backup.exists()
            else ""
        )
        details = "\n".join(str(p) for p in problems) or str(exc)
        count = f"It has {len(problems)} problems:\n" if len(problems) > 1 else ""
        self.window.prompts.show_file_problem(
            "Cannot open project",
            f"relplan cannot open {path.name}.",
            f"{count}{listed}\n\nThe file was not changed and your open project stays as it was. "
            f"Correct the file{restore}, or ask whoever sent it for a new copy.",
            f"{path}\n\n{details}",
        )

    def _cannot_read(self, path: Path, exc: OSError) -> None:
        if isinstance(exc, FileNotFoundError):
            reason = "it does not exist any more"
            self.window.settings.remove_recent_file(path)
            self.window.refresh_recent_files()
        elif isinstance(exc, IsADirectoryError):
            reason = "it is a folder, not a project file"
        elif isinstance(exc, PermissionError):
            reason = "you do not have permission to read it"
        else:
            reason = exc.strerror or str(exc)
        self.window.prompts.show_file_problem(
            "Cannot open project",
            f"relplan cannot open {path.name}: {reason}.",
            "Check the path and your access to the folder, then try again. "
            "Your open project stays as it was.",
            str(path),
        )

    # --- save -------------------------------------------------------------------------------

    def save(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        self.commit_typing()  # Ctrl+S while typing a name saves the name
        if doc.path is None or doc.read_only:
            return self.save_as()
        return self._save_to(doc, doc.path)

    def save_as(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        self.commit_typing()
        if doc.path is not None:
            suggested = (
                doc.path if not doc.read_only else doc.path.with_stem(doc.path.stem + "-copy")
            )
        else:
            suggested = Path(self._start_folder()) / (_file_stem(doc.project.name) + SUFFIX)
        chosen = self.window.prompts.ask_save_path(str(suggested))
        if not chosen:
            return False
        return self._save_to(doc, Path(chosen))

    def _save_to(self, doc: Document, path: Path) -> bool:
        if not self.safety.before_save(doc, path):  # changed on disk: merged, or cancelled
            return False
        try:
            doc.save(path)
        except ProjectSaveError as exc:
            self._cannot_save(path, str(exc))
            return False
        except OSError as exc:
            self._cannot_save(path, f"{path} cannot be written: {exc.strerror or exc}.")
            return False
        self.safety.after_save(doc, path)
        self.window.settings.add_recent_file(path)
        self.window.refresh_recent_files()
        messages.info(f"Saved {path.name}.")
        return True

    def _cannot_save(self, path: Path, reason: str) -> None:
        self.window.prompts.show_file_problem(
            "Cannot save project",
            f"relplan could not save {path.name}.",
            f"{reason}\n\nYour changes are still here, not saved yet, and the file on disk is "
            "as it was before. Free some disk space or use Save As to choose another folder, "
            "then save again.",
            str(path),
        )

    # --- close ------------------------------------------------------------------------------

    def close_project(self) -> bool:
        if self.document is None:
            return True
        if not self.maybe_save():
            return False
        self.safety.detach()
        self.window.set_document(None)
        return True

    def _start_folder(self) -> str:
        folder = self.window.settings.get(LAST_FOLDER)
        if folder and Path(folder).is_dir():
            return folder
        return str(Path.home())


def _file_stem(name: str) -> str:
    """A project name as a safe file name."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", name).strip(" .")
    return stem[:80] or "project"
