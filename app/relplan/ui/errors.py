"""Unexpected errors: log them with the traceback and tell the planner; the app keeps running.

:func:`install` replaces ``sys.excepthook``. Qt calls Python slots and event handlers from
its event loop, so an exception there reaches the hook instead of ending the program.
The dialog goes through :data:`show_dialog` so tests can replace it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("relplan")

LOG_FILE_NAME = "relplan.log"


def default_log_folder() -> Path:
    """The user's data folder for relplan (e.g. ~/.local/share/relplan on Linux)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(location) / "relplan" if location else Path.home() / ".relplan"


def show_error_dialog(summary: str, details: str, log_path: Path | None) -> None:
    """A modal dialog: what happened, where the log is, and the traceback under Details."""
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Unexpected error")
    box.setText(summary)
    where = f" The details were written to {log_path}." if log_path else ""
    box.setInformativeText(
        "relplan hit an unexpected error and carried on; save your work under a new name "
        f"to be safe and report the problem with the details.{where}"
    )
    box.setDetailedText(details)
    box.exec()


# Replaced in tests; called with (summary, traceback text, log file or None).
show_dialog: Callable[[str, str, Path | None], None] = show_error_dialog


class ExceptionHandler:
    """The installed hook: logs to a rotating file and shows one dialog at a time."""

    def __init__(self, log_folder: Path | None = None) -> None:
        self.log_path: Path | None = None
        self.previous = sys.excepthook
        self._showing = False
        self._handler: logging.Handler | None = None
        folder = log_folder if log_folder is not None else default_log_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.log_path = folder / LOG_FILE_NAME
            self._handler = RotatingFileHandler(
                self.log_path, maxBytes=1_000_000, backupCount=2, encoding="utf-8"
            )
        except OSError:
            self.log_path = None  # a read-only home must not stop the app from starting
        if self._handler is not None:
            self._handler.setFormatter(
                logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
            )
            log.addHandler(self._handler)
            log.setLevel(logging.INFO)

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("Unexpected error\n%s", details)
        if self._handler is not None:
            self._handler.flush()
        if self._showing:  # an error inside the dialog itself: logging it is enough
            return
        self._showing = True
        try:
            show_dialog(f"{exc_type.__name__}: {exc}", details, self.log_path)
        except Exception:
            log.exception("Could not show the error dialog")
        finally:
            self._showing = False

    def close(self) -> None:
        """Stop logging to the file (tests install and remove the hook)."""
        if self._handler is not None:
            log.removeHandler(self._handler)
            self._handler.close()
            self._handler = None


def install(log_folder: Path | None = None) -> ExceptionHandler:
    """Route uncaught exceptions to a logged, shown, survivable error."""
    handler = ExceptionHandler(log_folder)
    handler.previous = sys.excepthook
    sys.excepthook = handler
    return handler


def uninstall(handler: ExceptionHandler) -> None:
    """Put back the hook that was there before :func:`install`."""
    if sys.excepthook is handler:
        sys.excepthook = handler.previous
    handler.close()
