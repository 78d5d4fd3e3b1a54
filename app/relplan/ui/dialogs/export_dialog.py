"""File > Export PDF…: choose the release, the document (plan or handout), its sections or
audience, the paper, and where to save; the export runs off the UI thread with a progress
bar and Cancel, and afterwards the PDF can be opened with one click.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from relplan.domain.model import Project
from relplan.export.pdf import PLAN_SECTIONS, HandoutOptions, PlanOptions, default_page_size
from relplan.ui import messages
from relplan.ui.export_worker import ExportJob, ExportRunner, snapshot

PLAN, HANDOUT = "plan", "handout"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def suggested_name(release_name: str, document: str, audience: str | None = None) -> str:
    """ "Payments 4.2 - release plan.pdf", safe on Windows, macOS and Linux."""
    what = "release plan" if document == PLAN else f"handout for {audience or 'everyone'}"
    name = " ".join(_UNSAFE.sub(" ", f"{release_name} - {what}").split()).strip(" .") or "export"
    return f"{name}.pdf"


class ExportDialog(QDialog):
    """The export settings, the progress of the export and the way to open the result.

    ``ask_path`` (the save-file question) and ``open_file`` (showing the PDF) are plain
    callables so tests can answer them without a modal dialog or a PDF viewer.
    """

    def __init__(
        self,
        project: Project,
        folder: Path | None = None,
        release_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        self.setMinimumWidth(520)
        self.project = project
        self.folder = folder or Path.home()
        self.runner = ExportRunner(self)
        self.exported: Path | None = None
        self.ask_path: Callable[[str], str | None] = self._ask_path
        self.open_file: Callable[[Path], object] = _open_in_viewer
        self._path_edited = False
        self._orientation_edited = False
        self._build()
        self._fill(release_id)
        self._connect()
        self._document_changed()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.release_box = QComboBox()
        form.addRow("&Release:", self.release_box)
        kinds = QHBoxLayout()
        self.plan_button = QRadioButton("Release &plan")
        self.plan_button.setToolTip("For stakeholders: status, timeline, RACI, gates, tests")
        self.handout_button = QRadioButton("Training &handout")
        self.handout_button.setToolTip("For users: what changes, step by step, whom to ask")
        self.kind_group = QButtonGroup(self)
        for button in (self.plan_button, self.handout_button):
            self.kind_group.addButton(button)
            kinds.addWidget(button)
        kinds.addStretch()
        self.plan_button.setChecked(True)
        form.addRow(_label("Document:", None), kinds)
        self.audience_box = QComboBox()
        self.audience_label = QLabel("&Audience:")
        self.audience_label.setBuddy(self.audience_box)
        form.addRow(self.audience_label, self.audience_box)

        self.sections_box = QGroupBox("Sections")
        grid = QGridLayout(self.sections_box)
        self.section_checks: dict[str, QCheckBox] = {}
        for n, (key, title) in enumerate(PLAN_SECTIONS.items()):
            check = QCheckBox(title)
            check.setChecked(True)
            self.section_checks[key] = check
            grid.addWidget(check, n % 5, n // 5)
        form.addRow(self.sections_box)

        row = QHBoxLayout()
        self.size_box = QComboBox()
        self.size_box.addItems(["A4", "Letter"])
        self.size_box.setCurrentText(default_page_size(QLocale.system().name()))
        self.orientation_box = QComboBox()
        self.orientation_box.addItem("Landscape", "landscape")
        self.orientation_box.addItem("Portrait", "portrait")
        row.addWidget(self.size_box)
        row.addWidget(self.orientation_box)
        row.addStretch()
        form.addRow(_label("Pa&per:", self.size_box), row)
        target = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton("&Browse…")
        target.addWidget(self.path_edit, 1)
        target.addWidget(self.browse_button)
        form.addRow(_label("&Save to:", self.path_edit), target)
        layout.addLayout(form)

        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)

        buttons = QHBoxLayout()
        self.open_button = QPushButton("&Open PDF")
        self.open_button.setVisible(False)
        self.export_button = QPushButton("&Export")
        self.export_button.setDefault(True)
        self.close_button = QPushButton("Close")
        buttons.addWidget(self.open_button)
        buttons.addStretch()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    def _fill(self, release_id: str | None) -> None:
        releases = sorted(
            self.project.releases.values(), key=lambda r: (r.start, r.name), reverse=True
        )
        for release in releases:
            label = f"{release.name} ({release.version})" if release.version else release.name
            self.release_box.addItem(label, release.id)
        if release_id is not None:
            index = self.release_box.findData(release_id)
            if index >= 0:
                self.release_box.setCurrentIndex(index)
        self.audience_box.addItem("Everyone", None)
        for audience in sorted(self.project.audiences.values(), key=lambda a: a.name.casefold()):
            self.audience_box.addItem(audience.name, audience.id)

    def _connect(self) -> None:
        self.kind_group.buttonToggled.connect(lambda *_args: self._document_changed())
        self.release_box.currentIndexChanged.connect(lambda _n: self._suggest_path())
        self.audience_box.currentIndexChanged.connect(lambda _n: self._suggest_path())
        self.path_edit.textEdited.connect(self._path_typed)
        self.path_edit.textChanged.connect(lambda _text: self._update_buttons())
        self.orientation_box.activated.connect(self._orientation_chosen)
        for check in self.section_checks.values():
            check.toggled.connect(lambda _on: self._update_buttons())
        self.browse_button.clicked.connect(self._browse)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self._close_or_cancel)
        self.open_button.clicked.connect(self._open_result)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)

    # --- choices ----------------------------------------------------------------------------

    @property
    def document(self) -> str:
        return PLAN if self.plan_button.isChecked() else HANDOUT

    def _document_changed(self) -> None:
        plan = self.document == PLAN
        self.sections_box.setVisible(plan)
        self.audience_box.setVisible(not plan)
        self.audience_label.setVisible(not plan)
        if not self._orientation_edited:
            index = self.orientation_box.findData("landscape" if plan else "portrait")
            self.orientation_box.setCurrentIndex(index)
        self._suggest_path()
        self._update_buttons()
        self.adjustSize()

    def _orientation_chosen(self, _index: int) -> None:
        self._orientation_edited = True

    def _path_typed(self, _text: str) -> None:
        self._path_edited = True

    def _suggest_path(self) -> None:
        """Propose a file name for the chosen document, unless the planner typed one."""
        if self._path_edited:
            return
        release = self.project.releases.get(self.release_box.currentData() or "")
        if release is None:
            return
        audience = self.audience_box.currentText() if self.audience_box.currentData() else None
        name = suggested_name(release.name, self.document, audience)
        self.path_edit.setText(str(self.folder / name))

    def _browse(self) -> None:
        chosen = self.ask_path(self.path_edit.text())
        if chosen:
            if not chosen.lower().endswith(".pdf"):
                chosen += ".pdf"
            self.path_edit.setText(chosen)
            self._path_edited = True

    def _ask_path(self, suggested: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export PDF", suggested, "PDF documents (*.pdf)"
        )
        return path or None

    def chosen_sections(self) -> tuple[str, ...]:
        return tuple(key for key, check in self.section_checks.items() if check.isChecked())

    def _update_buttons(self) -> None:
        running = self.runner.running
        ready = bool(self.path_edit.text().strip()) and self.release_box.count() > 0
        if self.document == PLAN and not self.chosen_sections():
            ready = False
        self.export_button.setEnabled(ready and not running)

    # --- exporting ------------------------------------------------------------------------

    def job(self) -> ExportJob:
        """The export the dialog's choices describe, on a snapshot of the project."""
        path = Path(self.path_edit.text().strip()).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        size = self.size_box.currentText()
        orientation = self.orientation_box.currentData()
        release_id = self.release_box.currentData()
        project = snapshot(self.project)
        if self.document == PLAN:
            options = PlanOptions(self.chosen_sections(), size, orientation)
            return ExportJob(project, release_id, path, plan=options)
        options = HandoutOptions(self.audience_box.currentData(), size, orientation)
        return ExportJob(project, release_id, path, handout=options)

    def start_export(self) -> None:
        if self.runner.running or not self.export_button.isEnabled():
            return
        job = self.job()
        if not job.path.parent.is_dir():
            self._show_status(
                f"The folder {job.path.parent} does not exist; choose another place to save.",
                error=True,
            )
            return
        self.exported = None
        self.open_button.setVisible(False)
        self._set_inputs_enabled(False)
        self.progress_bar.setRange(0, 0)  # busy until the first step is known
        self.progress_bar.setVisible(True)
        self.close_button.setText("Cancel")
        self._show_status(f"Exporting the {job.what}…")
        self.runner.start(job)
        self._update_buttons()

    def cancel_export(self) -> None:
        if not self.runner.running:
            return
        if self.runner.cancel():
            self._show_status("Cancelling…")
        else:
            self._show_status("Too late to cancel: the PDF is already being saved.")

    def _progress(self, done: int, total: int, step: str) -> None:
        self.progress_bar.setRange(0, max(1, total))
        self.progress_bar.setValue(done)
        self._show_status(f"Exporting: {step}…")

    def _finished(self, path: str, pages: int) -> None:
        self._done()
        self.exported = Path(path)
        self.open_button.setVisible(True)
        self.open_button.setFocus()
        self._show_status(f"Saved {pages} pages to {path}.")
        messages.info(f"Exported {Path(path).name} ({pages} pages).")

    def _failed(self, message: str) -> None:
        self._done()
        self._show_status(message, error=True)
        messages.error(message)

    def _cancelled(self) -> None:
        self._done()
        self._show_status("Export cancelled; no file was written.")

    def _done(self) -> None:
        self.progress_bar.setVisible(False)
        self.close_button.setText("Close")
        self._set_inputs_enabled(True)
        self._update_buttons()

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (
            self.release_box,
            self.plan_button,
            self.handout_button,
            self.audience_box,
            self.sections_box,
            self.size_box,
            self.orientation_box,
            self.path_edit,
            self.browse_button,
        ):
            widget.setEnabled(enabled)

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #c81e1e;" if error else "")
        self.status_label.setText(text)

    def _open_result(self) -> None:
        if self.exported is not None:
            self.open_file(self.exported)

    # --- closing ----------------------------------------------------------------------------

    def _close_or_cancel(self) -> None:
        if self.runner.running:
            self.cancel_export()
        else:
            self.accept()

    def reject(self) -> None:
        """Escape or the window's close button: a running export is cancelled first."""
        if self.runner.running:
            self.cancel_export()
        self.runner.wait()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Overrides QDialog.closeEvent: never leave an export thread running behind.

        (Destroying the dialog without closing it stops the export too: see ExportRunner.)
        """
        self.runner.stop()
        super().closeEvent(event)


def _label(text: str, buddy: QWidget | None) -> QLabel:
    """A form label whose Alt+letter shortcut moves the focus to ``buddy``."""
    label = QLabel(text)
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def _open_in_viewer(path: Path) -> bool:
    """Show the PDF in the system's viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
