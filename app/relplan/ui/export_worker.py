"""PDF export off the UI thread, with progress and cancel (DESIGN.md §2: long work).

The export reads a snapshot of the project taken on the UI thread (the dicts are copied,
the records are immutable), so the planner's later edits can never race with it. The
worker reports progress through Qt signals, which reach the dialog on the UI thread; a
cancel request is a flag the export's progress callback checks, and a cancelled export
leaves the target file as it was.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from relplan.domain.model import TABLES, Project
from relplan.export.pdf import (
    ExportCancelled,
    ExportError,
    HandoutOptions,
    PlanOptions,
    export_handout,
    export_plan,
)


@dataclass(frozen=True)
class ExportJob:
    """One document to write: the plan (with ``plan``) or a handout (with ``handout``)."""

    project: Project
    release_id: str
    path: Path
    plan: PlanOptions | None = None
    handout: HandoutOptions | None = None

    @property
    def what(self) -> str:
        return "release plan" if self.plan is not None else "training handout"


def snapshot(project: Project) -> Project:
    """A copy of ``project`` that later edits do not touch (tables copied, records shared)."""
    copy = Project(name=project.name)
    for table in TABLES:
        setattr(copy, table, dict(project.table(table)))
    return copy


class ExportWorker(QObject):
    """Runs one :class:`ExportJob` in :meth:`run` (on a worker thread)."""

    progress = Signal(int, int, str)  # done, total, step
    finished = Signal(str, int)  # path, pages
    failed = Signal(str)  # one sentence for the planner
    cancelled = Signal()

    def __init__(self, job: ExportJob) -> None:
        super().__init__()
        self.job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the export to stop at its next progress step (safe from any thread)."""
        self._cancel.set()

    def _report(self, done: int, total: int, step: str) -> None:
        if self._cancel.is_set():
            raise ExportCancelled
        self.progress.emit(done, total, step)

    def run(self) -> None:
        job = self.job
        release = job.project.releases.get(job.release_id)
        try:
            if release is None:
                raise ExportError("The release no longer exists; choose another one.")
            if job.plan is not None:
                pages = export_plan(job.project, release, job.path, job.plan, self._report)
            else:
                pages = export_handout(job.project, release, job.path, job.handout, self._report)
        except ExportCancelled:
            self.cancelled.emit()
        except ExportError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(
                f"Cannot write {job.path}: {exc.strerror or exc}; choose another file name."
            )
        except Exception as exc:  # shown to the planner, not lost in a thread
            self.failed.emit(
                f"The {job.what} could not be exported ({type(exc).__name__}: {exc}); "
                "please report it with the project file."
            )
        else:
            self.finished.emit(str(job.path), pages)


class ExportRunner(QObject):
    """Owns the thread and the worker of the export in progress (one at a time).

    :attr:`running` turns False before ``finished``, ``failed`` or ``cancelled`` is
    emitted, so their receivers can start the next export straight away.
    """

    progress = Signal(int, int, str)
    finished = Signal(str, int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        self._active = False

    @property
    def running(self) -> bool:
        return self._active

    def start(self, job: ExportJob) -> None:
        if self._active:
            raise RuntimeError("an export is already running")
        self.wait()  # the previous export's thread is winding down
        thread = QThread()
        worker = ExportWorker(job)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self.progress)
        worker.finished.connect(self._finished)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        self._thread, self._worker = thread, worker
        self._active = True
        thread.start()

    def cancel(self) -> None:
        if self._active and self._worker is not None:
            self._worker.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the export's thread has ended (after a cancel, when closing)."""
        thread, worker = self._thread, self._worker
        if thread is None:
            return True
        thread.quit()
        ended = thread.wait(msecs)
        if ended:
            self._thread = self._worker = None
            worker.deleteLater()
            thread.deleteLater()
        return ended

    def _end(self) -> None:
        """The worker has returned: let its thread finish (a moment) and drop both."""
        self._active = False
        self.wait()

    def _finished(self, path: str, pages: int) -> None:
        self._end()
        self.finished.emit(path, pages)

    def _failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)

    def _cancelled(self) -> None:
        self._end()
        self.cancelled.emit()
