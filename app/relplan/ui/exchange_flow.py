"""File > Import and File > Export: plans to and from MS Project, GanttProject, CSV, iCalendar.

An import opens the plan as a new, unsaved project (after the unsaved-changes question,
as New does); an export writes the release shown. Either way the planner then reads the
exchange report: what was kept, approximated or dropped. A file that cannot be read or
written gives one sentence and leaves the open project as it was. The file dialogs and
the report go through :meth:`ExchangeFlow.ask_open_path`, :meth:`ask_save_path` and
:meth:`show_report`, which tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from relplan.export.csv_table import export_csv, import_csv
from relplan.export.exchange_report import ExchangeError, ExchangeReport
from relplan.export.gan import import_gan
from relplan.export.ical import export_ical
from relplan.export.import_support import ImportResult
from relplan.export.mspdi import export_mspdi, import_mspdi
from relplan.ui import messages
from relplan.ui.dialogs.exchange_report import ExchangeReportDialog
from relplan.ui.document import Document
from relplan.ui.settings import LAST_FOLDER

if TYPE_CHECKING:
    from relplan.domain.model import Release
    from relplan.ui.main_window import MainWindow

ALL_FILES = "All files (*)"
CSV_COMMAS = "CSV, separated by commas (*.csv)"
# Spreadsheets in countries that write 3,5 for three and a half expect semicolons.
CSV_SEMICOLONS = "CSV, separated by semicolons (*.csv)"


@dataclass(frozen=True)
class ExchangeFormat:
    """A file format of another tool, as the menus and file dialogs name it."""

    name: str
    filters: tuple[str, ...]
    suffix: str


MSPDI = ExchangeFormat("MS Project XML", ("MS Project XML (*.xml)",), ".xml")
GAN = ExchangeFormat("GanttProject", ("GanttProject (*.gan)",), ".gan")
CSV = ExchangeFormat("CSV", (CSV_COMMAS, CSV_SEMICOLONS), ".csv")
ICAL = ExchangeFormat("iCalendar", ("iCalendar (*.ics)",), ".ics")

IMPORTERS: dict[ExchangeFormat, Callable[[Path], ImportResult]] = {
    MSPDI: import_mspdi,
    GAN: import_gan,
    CSV: import_csv,
}


class ExchangeFlow:
    """Connects the Import and Export actions and runs them for the main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.report_dialog: ExchangeReportDialog | None = None
        a = window.ui_actions
        for action, fmt in ((a.import_mspdi, MSPDI), (a.import_gan, GAN), (a.import_csv, CSV)):
            action.triggered.connect(lambda _checked=False, f=fmt: self.import_file(f))
        for action, fmt in ((a.export_mspdi, MSPDI), (a.export_csv, CSV), (a.export_ical, ICAL)):
            action.triggered.connect(lambda _checked=False, f=fmt: self.export_file(f))

    # --- the dialogs (replaced in tests) ----------------------------------------------------

    def ask_open_path(self, title: str, folder: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.window, title, folder, filters)
        return path or None

    def ask_save_path(self, title: str, suggested: str, filters: str) -> tuple[str, str] | None:
        """The chosen path and the filter it was chosen under (CSV: which separator)."""
        path, chosen = QFileDialog.getSaveFileName(self.window, title, suggested, filters)
        return (path, chosen) if path else None

    def show_report(self, report: ExchangeReport) -> ExchangeReportDialog:
        """The report, window-modal but not blocking; it deletes itself when closed."""
        dialog = ExchangeReportDialog(report, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_report)
        self.report_dialog = dialog
        dialog.open()
        return dialog

    def _forget_report(self, *_args) -> None:
        self.report_dialog = None

    # --- import -----------------------------------------------------------------------------

    def import_file(self, fmt: ExchangeFormat) -> bool:
        filters = ";;".join((*fmt.filters, ALL_FILES))
        path = self.ask_open_path(f"Import {fmt.name}", self._folder(), filters)
        return self.import_path(fmt, path) if path else False

    def import_path(self, fmt: ExchangeFormat, path: str | Path) -> bool:
        """Read ``path`` first, so a bad file costs neither a question nor the open project."""
        path = Path(path)
        try:
            result = IMPORTERS[fmt](path)
        except ExchangeError as exc:
            messages.error(str(exc))
            return False
        except OSError as exc:
            messages.error(f"{path} cannot be read: {exc.strerror or exc}; check the file.")
            return False
        files = self.window.files
        if not files.maybe_save():
            return False
        self.window.set_document(files.safety.attach(Document(result.project)))
        self.window.settings.set(LAST_FOLDER, str(path.parent))
        messages.info(
            f"Imported {path.name} as a new project; use Save As to keep it in a relplan file."
        )
        self.show_report(result.report)
        return True

    # --- export -----------------------------------------------------------------------------

    def export_file(self, fmt: ExchangeFormat) -> bool:
        doc = self.window.document
        if doc is None:
            return False
        release = doc.project.releases.get(self.window.selection.release_id or "")
        if release is None and fmt is MSPDI:
            messages.error("An MS Project file holds one release; choose one to export first.")
            return False
        stem = _safe_stem(release.name if release is not None else doc.project.name) or "plan"
        suggested = str(Path(self._folder()) / stem) + fmt.suffix
        filters = ";;".join((*fmt.filters, ALL_FILES))
        chosen = self.ask_save_path(f"Export {fmt.name}", suggested, filters)
        if not chosen:
            return False
        path, chosen_filter = Path(chosen[0]), chosen[1]
        if not path.suffix:
            path = path.with_name(path.name + fmt.suffix)
        return self.export_path(fmt, release, path, chosen_filter == CSV_SEMICOLONS)

    def export_path(
        self, fmt: ExchangeFormat, release: Release | None, path: Path, semicolons: bool = False
    ) -> bool:
        project = self.window.document.project
        try:
            if fmt is MSPDI:
                report = export_mspdi(project, release, path)
            elif fmt is CSV:
                report = export_csv(project, release, path, ";" if semicolons else ",")
            else:
                report = export_ical(project, release, path)
        except ExchangeError as exc:
            messages.error(str(exc))
            return False
        except OSError as exc:
            messages.error(f"{path} cannot be written: {exc.strerror or exc}; choose another.")
            return False
        messages.info(f"Exported {path.name}.")
        self.show_report(report)
        return True

    def _folder(self) -> str:
        """The project's folder, else the last one used, else home."""
        doc = self.window.document
        if doc is not None and doc.path is not None:
            return str(doc.path.parent)
        folder = self.window.settings.get(LAST_FOLDER)
        return folder if folder and Path(folder).is_dir() else str(Path.home())


def _safe_stem(name: str) -> str:
    """A release or project name as a file name (no path separators or reserved signs)."""
    return "".join(" " if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in name).strip(" .")
