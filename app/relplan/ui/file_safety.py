"""Shared-drive safety and autosave for the open project (issue: two planners, one file).

- Opening takes the file's lock; if someone else has it, the planner may open it read-only,
  open a copy, or take over a stale lock.
- Saving over the file first checks that nobody changed it since it was opened; if someone
  did, the planner merges (or compares) instead of overwriting their work.
- Every few minutes unsaved work goes to the recovery folder; the next start after a crash
  offers it back.
- Compare with File… shows what differs from another version and can merge it in.

The file commands in :mod:`relplan.ui.file_flows` call in here; every question goes
through :attr:`FileSafety.prompts`, which tests replace.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from relplan.domain.diff import diff_projects
from relplan.domain.merge import MergeResult, Side, changes_between, merge_projects
from relplan.domain.model import TABLES, Project
from relplan.storage import ProjectFileError, ProjectSaveError, load_project
from relplan.storage.lock import (
    FileLock,
    FileStamp,
    LockStatus,
    acquire,
    changed_on_disk,
    is_stale,
    read_lock,
)
from relplan.storage.recovery import Autosave, adopt, default_folder, find_recoverable
from relplan.ui import messages
from relplan.ui.dialogs.file_safety_prompts import (
    BaseChoice,
    DiskChoice,
    LockChoice,
    RecoverChoice,
    SafetyPrompts,
)
from relplan.ui.dialogs.merge_dialog import MergeView
from relplan.ui.document import Document

if TYPE_CHECKING:
    from relplan.ui.main_window import MainWindow

AUTOSAVE_MINUTES = 3
_RETRY_MS = 5_000  # a drag in progress postpones the autosave this long


def _same_file(a: Path, b: Path) -> bool:
    return a == b or a.resolve() == b.resolve()


def snapshot(project: Project) -> Project:
    """An independent copy of ``project`` (records are immutable: copying the tables is enough)."""
    return Project(project.name, **{table: dict(project.table(table)) for table in TABLES})


@dataclass(slots=True)
class OpenPlan:
    """How a file is to be opened after the lock question: the lock taken, or why none."""

    path: Path
    lock: FileLock | None = None
    read_only_reason: str = ""
    as_copy: bool = False
    notice: str = ""  # what to tell the planner once it is open

    def abandon(self) -> None:
        """The file did not open after all: give the lock back."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None


@dataclass(slots=True)
class Tracked:
    """What the safety knows of the open document."""

    document: Document
    lock: FileLock | None = None
    stamp: FileStamp | None = None  # the file as opened or last saved
    base: Project | None = None  # the project as opened or last saved
    autosave: Autosave | None = None
    edits: int = 0  # edits since opening, counted to see whether an autosave is due
    autosaved_at: int = 0
    takeover_told: bool = field(default=False)


class FileSafety(QObject):
    """Locks, changed-on-disk checks, autosave and recovery for one main window."""

    def __init__(self, window: MainWindow, folder: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.prompts = SafetyPrompts(window)
        self.recovery_folder = folder if folder is not None else default_folder()
        self.tracked: Tracked | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("autosaveTimer")
        self.timer.setInterval(AUTOSAVE_MINUTES * 60_000)
        self.timer.timeout.connect(self.autosave_now)
        self.timer.start()

    # --- opening ----------------------------------------------------------------------------

    def plan_open(self, path: Path) -> OpenPlan | None:
        """Take the lock of ``path``, asking what to do when someone else has it; None: cancel."""
        current = self._current()
        if current is not None and current.lock is not None and _same_file(current.lock.path, path):
            return OpenPlan(path, current.lock)  # opening the open file again
        attempt = acquire(path)
        if attempt.status is LockStatus.ACQUIRED:
            return OpenPlan(path, attempt.lock)
        if attempt.status is LockStatus.UNAVAILABLE:
            return OpenPlan(
                path,
                notice=f"Opened {path.name} without a lock file ({attempt.reason}); others "
                "opening it will not see that you have it open.",
            )
        holder = attempt.holder
        assert holder is not None
        choice = self.prompts.ask_locked(path.name, holder, attempt.stale)
        if choice is LockChoice.TAKE_OVER:
            taken = acquire(path, take_over=True)
            return OpenPlan(path, taken.lock, notice=f"Took over {path.name} from {holder.user}.")
        if choice is LockChoice.READ_ONLY:
            reason = (
                f"{path.name} is open read-only because {holder.describe()} has it open; "
                "use Save As to keep your changes in a new file."
            )
            return OpenPlan(path, read_only_reason=reason, notice=f"Opened {path.name} read-only.")
        if choice is LockChoice.COPY:
            return OpenPlan(
                path,
                as_copy=True,
                notice=f"Opened a copy of {path.name}; use Save As to keep it, and Compare "
                "with File to merge it later.",
            )
        return None

    def attach(self, document: Document, plan: OpenPlan | None = None) -> Document:
        """Make ``document`` the tracked one (releasing the one before); returns what to show.

        A copy comes back as a new, unsaved document of the same project.
        """
        if plan is not None and plan.as_copy:
            document = Document(document.project, load_problems=document.load_problems)
        if plan is not None and plan.read_only_reason:
            document.read_only = True
            document.read_only_reason = plan.read_only_reason
        keep = plan.lock if plan is not None else None
        self.detach(keep_lock=keep)
        if keep is not None and document.read_only:
            keep.release()  # from a newer relplan: only looked at here, so nobody is kept out
            keep = None
        path = document.path
        self.tracked = Tracked(
            document,
            lock=keep,
            stamp=FileStamp.of(path) if path is not None else None,
            base=snapshot(document.project) if path is not None else None,
            autosave=Autosave(self.recovery_folder),
        )
        document.changed.connect(self._count_edit)
        return document

    def detach(self, keep_lock: FileLock | None = None) -> None:
        """The tracked document closes: release its lock and drop its autosave."""
        tracked, self.tracked = self.tracked, None
        if tracked is None:
            return
        with contextlib.suppress(RuntimeError, TypeError):  # the document is gone already
            tracked.document.changed.disconnect(self._count_edit)
        if tracked.lock is not None and tracked.lock is not keep_lock:
            tracked.lock.release()
        if tracked.autosave is not None:
            tracked.autosave.clear()

    def _current(self) -> Tracked | None:
        """The tracked state of the window's document (tracking it now if someone else set it)."""
        document = self.window.document
        if document is None:
            if self.tracked is not None:
                self.detach()
            return None
        if self.tracked is None or self.tracked.document is not document:
            self.attach(document)
        return self.tracked

    def _count_edit(self, _change: object) -> None:
        if self.tracked is not None:
            self.tracked.edits += 1

    # --- saving -----------------------------------------------------------------------------

    def before_save(self, document: Document, path: Path) -> bool:
        """Whether saving ``document`` to ``path`` may go ahead; may merge first."""
        tracked = self._current()
        if tracked is None:
            return True
        if path != document.path:
            return self._may_replace(path)
        if not changed_on_disk(path, tracked.stamp):
            return True
        while True:
            choice = self.prompts.ask_changed_on_disk(path.name, tracked.base is not None)
            if choice is DiskChoice.OVERWRITE:
                return True
            if choice is DiskChoice.CANCEL:
                return False
            theirs = self._load_other(path)
            if theirs is None:
                return False
            if choice is DiskChoice.MERGE:
                assert tracked.base is not None
                return self.merge_in(document, tracked.base, theirs, path.name, on_disk=True)
            self.prompts.show_compare(
                path.name + " (yours)",
                f"{path.name} on disk",
                diff_projects(document.project, theirs),
            )

    def _may_replace(self, path: Path) -> bool:
        """Save As onto a file that someone else has open is refused."""
        holder = read_lock(path)
        if (
            holder is None
            or holder.damaged
            or (
                self.tracked is not None
                and self.tracked.lock is not None
                and holder.token == self.tracked.lock.owner.token
            )
        ):
            return True
        if is_stale(holder):
            return True
        messages.error(
            f"{path.name} is open by {holder.describe()}; save under another name, or ask "
            "them to close it first."
        )
        return False

    def after_save(self, document: Document, path: Path) -> None:
        """The file now holds ``document``: remember it as the new original; drop the autosave."""
        tracked = self._current()
        if tracked is None:
            return
        if tracked.lock is None or not _same_file(tracked.lock.path, path):
            if tracked.lock is not None:
                tracked.lock.release()
            attempt = acquire(path)
            if attempt.status is LockStatus.HELD and attempt.stale:  # saved over it: ours now
                attempt = acquire(path, take_over=True)
            tracked.lock = attempt.lock
        if not document.read_only:
            document.read_only_reason = ""
        tracked.stamp = FileStamp.of(path)
        tracked.base = snapshot(document.project)
        tracked.autosaved_at = tracked.edits
        if tracked.autosave is not None:
            tracked.autosave.clear()

    # --- compare and merge ------------------------------------------------------------------

    def compare_with_file(self) -> bool:
        """File > Compare with File…: show the differences, and merge on request."""
        tracked = self._current()
        if tracked is None:
            return False
        document = tracked.document
        folder = str(document.path.parent) if document.path is not None else str(Path.home())
        chosen = self.prompts.ask_compare_path(folder)
        if not chosen:
            return False
        path = Path(chosen)
        other = self._load_other(path)
        if other is None:
            return False
        mine = self.window.document_name(document)
        if not self.prompts.show_compare(mine, path.name, diff_projects(document.project, other)):
            return False
        opened = mine if tracked.base is not None else None
        answer = self.prompts.ask_merge_base(opened)
        if answer is BaseChoice.CANCEL:
            return False
        if answer is BaseChoice.OPENED:
            assert tracked.base is not None
            base = tracked.base
        else:
            base_path = self.prompts.ask_base_path(str(path.parent))
            base = self._load_other(Path(base_path)) if base_path else None
            if base is None:
                return False
        return self.merge_in(document, base, other, path.name)

    def merge_in(
        self, document: Document, base: Project, theirs: Project, name: str, on_disk: bool = False
    ) -> bool:
        """Merge ``theirs`` into the open project as one undoable step, after the planner chose."""
        if theirs == base:
            return True  # nothing new on their side
        label = "the file on disk" if on_disk else name
        result = merge_projects(base, document.project, theirs, labels=("yours", label))
        if on_disk:
            intro = (
                f"Someone else saved {name} since you opened it. Their changes and yours are "
                "merged; choose a side for each conflict, then the merge is saved."
            )
        else:
            intro = f"The changes in {name} and yours are merged; choose a side for each conflict."
        count = len(result.conflicts)
        if count:
            intro += f" {count} conflict{'s' * (count > 1)} to settle."
        view = MergeView(
            f"Merge {name}",
            intro,
            result,
            diff_projects(base, theirs),
            diff_projects(base, document.project, with_dates=False),
            "On-disk" if on_disk else "Their",
        )
        choices = self.prompts.resolve_merge(view)
        if choices is None:
            return False
        return self.apply_merge(document, result, choices, f"Merge changes from {name}")

    def apply_merge(
        self, document: Document, result: MergeResult, choices: dict[str, Side], description: str
    ) -> bool:
        """Turn the open project into the merge, as one command on the undo stack."""
        resolution = result.resolve(choices)
        changes = changes_between(document.project, resolution.project, description)
        if changes and not document.push(changes):
            return False
        # The project's own name is not a record; it is taken over as it stands.
        document.project.name = resolution.project.name
        for line in resolution.dropped:
            messages.info(line)
        count = len(changes.changes)
        settled = ""
        if result.conflicts:
            taken = sum(side is Side.THEIRS for side in choices.values())
            settled = f"; theirs kept in {taken} of {len(result.conflicts)} conflicts"
        messages.info(f"Merged: {count} record{'s' * (count != 1)} updated{settled}.")
        return True

    def _load_other(self, path: Path) -> Project | None:
        try:
            return load_project(path).project
        except ProjectFileError as exc:
            messages.error(f"{exc} Nothing was merged or changed.")
        except OSError as exc:
            messages.error(
                f"{path.name} cannot be read ({exc.strerror or exc}); nothing was merged "
                "or changed."
            )
        return None

    # --- autosave and recovery --------------------------------------------------------------

    def autosave_now(self) -> bool:
        """Write unsaved work to the recovery folder (and renew the lock); True if written."""
        tracked = self._current()
        if tracked is None:
            return False
        self._renew_lock(tracked)
        document = tracked.document
        if not document.is_dirty or tracked.edits == tracked.autosaved_at:
            return False
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            QTimer.singleShot(_RETRY_MS, self.autosave_now)  # not in the middle of a drag
            return False
        try:
            assert tracked.autosave is not None
            tracked.autosave.write(document.project, document.path, tracked.stamp, tracked.base)
        except ProjectSaveError as exc:
            messages.info(f"Autosave failed: {exc}")
            return False
        tracked.autosaved_at = tracked.edits
        return True

    def _renew_lock(self, tracked: Tracked) -> None:
        lock = tracked.lock
        if lock is None or lock.refresh() or tracked.takeover_told:
            return
        tracked.takeover_told = True
        holder = lock.holder()
        who = holder.describe() if holder is not None else "someone else"
        messages.warning(
            f"{lock.path.name} was taken over by {who}; before you save, expect to merge "
            "their changes, or use Save As to keep yours in a new file."
        )

    def offer_recovery(self) -> bool:
        """At start: offer work an earlier session left unsaved; True when it was opened."""
        entries = find_recoverable(self.recovery_folder)
        if not entries:
            return False
        choice = self.prompts.ask_recover(entries)
        entry = entries[0]
        if choice is RecoverChoice.DISCARD:
            entry.discard()
            messages.info(f"Discarded the autosave of {entry.name}.")
            return False
        if choice is not RecoverChoice.RECOVER:
            return False
        try:
            result = entry.load()
        except (ProjectFileError, OSError) as exc:
            messages.error(f"The autosave of {entry.name} cannot be opened: {exc}")
            return False
        original = entry.original
        plan = None
        if original is not None and original.exists():
            attempt = acquire(original)
            if attempt.status is LockStatus.HELD:
                original = None  # someone has the file: recover as a copy, merge later
                messages.warning(
                    f"{entry.original.name} is open by {attempt.holder.describe()}; your "
                    "recovered work opened as a copy: use Save As, then Compare with File "
                    "to merge."
                )
            else:
                plan = OpenPlan(entry.original, attempt.lock)
        document = Document(result.project, original, load_problems=result.problems)
        self.attach(document, plan)
        assert self.tracked is not None
        if original is not None:
            self.tracked.stamp = entry.stamp
            self.tracked.base = entry.load_base()
        self.tracked.autosave = adopt(entry)
        document.undo_stack.resetClean()  # recovered work is unsaved work
        self.window.set_document(document)
        self.tracked.edits += 1
        self.autosave_now()  # claim the autosave for this session
        messages.info(f"Recovered {entry.name}; save it to keep it.")
        return True
