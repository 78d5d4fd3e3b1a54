"""PDF export off the UI thread, with progress and cancel (DESIGN.md §2: long work).

The export reads a snapshot of the project taken on the UI thread (the dicts are copied,
the records are immutable), so the planner's later edits can never race with it. The
worker runs on a thread of its own and reports through Qt signals, which reach the dialog
on the UI thread. A cancel is a flag checked at every progress step and once more, under
the same lock, right before the finished PDF replaces the target file: a cancel either
comes in time and nothing is written, or :meth:`ExportWorker.cancel` says it came too late
and the export finishes.

No export thread outlives its owner: a runner that is destroyed cancels and joins its
thread, and so does every runner when the interpreter exits (before Qt is torn down).
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal

from relplan.domain.model import TABLES, Project
from relplan.export.pdf import (
    ExportCancelled,
    ExportError,
    HandoutOptions,
    PlanOptions,
    export_handout,
    export_plan,
)

# How long closing the dialog waits for an export to notice its cancel (one layout step).
JOIN_TIMEOUT = 30.0


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


def write_pdf(
    job: ExportJob, progress: Callable[[int, int, str], None], commit: Callable[[], None]
) -> int:
    """Write the document ``job`` describes and return its page count (on the worker thread).

    ``progress`` and ``commit`` are passed to the PDF export, which calls them as it goes.
    """
    release = job.project.releases.get(job.release_id)
    if release is None:
        raise ExportError("The release no longer exists; choose another one.")
    if job.plan is not None:
        return export_plan(job.project, release, job.path, job.plan, progress, commit)
    return export_handout(job.project, release, job.path, job.handout, progress, commit)


class ExportWorker(QObject):
    """Runs one :class:`ExportJob` in :meth:`run` and emits exactly one outcome signal."""

    progress = Signal(int, int, str)  # done, total, step
    finished = Signal(str, int)  # path, pages
    failed = Signal(str)  # one sentence for the planner
    cancelled = Signal()

    def __init__(self, job: ExportJob) -> None:
        super().__init__()
        self.job = job
        self._lock = threading.Lock()
        self._cancel_requested = False
        self._committed = False

    def cancel(self) -> bool:
        """Ask the export to stop (safe from any thread).

        Returns False when it is too late: the finished PDF is already replacing the
        target file, and ``finished`` follows.
        """
        with self._lock:
            if not self._committed:
                self._cancel_requested = True
            return not self._committed

    def _report(self, done: int, total: int, step: str) -> None:
        with self._lock:
            if self._cancel_requested:
                raise ExportCancelled
        self.progress.emit(done, total, step)

    def _commit(self) -> None:
        """The PDF is complete and about to replace the target: the last chance to cancel."""
        with self._lock:
            if self._cancel_requested:
                raise ExportCancelled
            self._committed = True

    def run(self) -> None:
        job = self.job
        try:
            pages = write_pdf(job, self._report, self._commit)
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


@dataclass(eq=False)
class _Running:
    """An export thread not yet joined, with the worker that can cancel it."""

    worker: ExportWorker
    thread: threading.Thread

    def stop(self, timeout: float | None) -> bool:
        """Cancel the export and wait for its thread; True once the thread has ended."""
        self.worker.cancel()
        return self.join(timeout)

    def join(self, timeout: float | None) -> bool:
        self.thread.join(timeout)
        if self.thread.is_alive():
            return False
        _LIVE.discard(self)
        return True


# Every export thread not yet joined, so that none can outlive the interpreter's Qt objects.
_LIVE: set[_Running] = set()


def stop_all_exports(timeout: float | None = None) -> bool:
    """Cancel every export still running and wait for their threads (at exit, on quit)."""
    return all([running.stop(timeout) for running in list(_LIVE)])


# Registered after PySide6's own exit handler, so it runs first: the threads end while
# the QApplication and the workers' signals still exist.
atexit.register(stop_all_exports)


def _stop_each(exports: list[_Running], *_args: object) -> None:
    """Cancel and join the exports of a runner that is being destroyed."""
    for running in exports:
        running.stop(JOIN_TIMEOUT)
    exports.clear()


class ExportRunner(QObject):
    """Owns the thread and the worker of the export in progress (one at a time).

    :attr:`running` turns False before ``finished``, ``failed`` or ``cancelled`` is
    emitted, so their receivers can start the next export straight away. Destroying the
    runner (with the dialog that owns it) cancels the export and joins its thread.
    """

    progress = Signal(int, int, str)
    finished = Signal(str, int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: ExportWorker | None = None
        self._active = False
        # Shared with the destroyed handler, which must not touch the dying runner itself.
        self._exports: list[_Running] = []
        self.destroyed.connect(partial(_stop_each, self._exports))

    @property
    def running(self) -> bool:
        return self._active

    def start(self, job: ExportJob) -> None:
        if self._active:
            raise RuntimeError("an export is already running")
        self.wait()  # the previous export's thread is winding down
        worker = ExportWorker(job)
        # Queued: the outcome always reaches the runner through the UI thread's event loop.
        queued = Qt.ConnectionType.QueuedConnection
        worker.progress.connect(self.progress, queued)
        worker.finished.connect(self._finished, queued)
        worker.failed.connect(self._failed, queued)
        worker.cancelled.connect(self._cancelled, queued)
        # A daemon thread, joined by stop_all_exports at exit: that handler cancels first,
        # whereas Python would wait for a non-daemon export to run to its end.
        thread = threading.Thread(target=worker.run, name="relplan-export", daemon=True)
        running = _Running(worker, thread)
        self._worker = worker
        self._exports.append(running)
        _LIVE.add(running)
        self._active = True
        thread.start()

    def cancel(self) -> bool:
        """Ask the running export to stop; False if there is none or it is too late."""
        if self._active and self._worker is not None:
            return self._worker.cancel()
        return False

    def wait(self, timeout: float = JOIN_TIMEOUT) -> bool:
        """Block until the export's thread has ended (after a cancel, when closing)."""
        for running in list(self._exports):
            if not running.join(timeout):
                return False
            self._exports.remove(running)
        return True

    def stop(self, timeout: float = JOIN_TIMEOUT) -> bool:
        """Cancel the export and wait for its thread; True once nothing runs any more."""
        self.cancel()
        return self.wait(timeout)

    def _end(self) -> None:
        """The worker has returned: its thread ends in a moment; join it."""
        self._active = False
        self._worker = None
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
