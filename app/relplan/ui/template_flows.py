"""Release templates in the main window: New Release from Template, Save Release as Template.

The bundled templates ship inside the package; the planner's own live in the user data
folder (``QStandardPaths.AppDataLocation``/templates). Creating a release is one undo step;
the new release is shown at once. Questions go through :attr:`TemplateFlows.prompts`,
which tests replace.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from relplan.domain.edits import EditError
from relplan.domain.gates import and_list
from relplan.domain.model import Project
from relplan.domain.templates import Template, TemplateError, instantiate, template_from_release
from relplan.storage.template_file import (
    bundled_templates,
    file_name_for,
    folder_templates,
    save_template,
)
from relplan.ui import messages
from relplan.ui.dialogs.template_dialogs import (
    NewReleaseDialog,
    NewReleaseInput,
    SaveTemplateDialog,
    TemplateInfo,
)
from relplan.ui.icons import icon

if TYPE_CHECKING:
    from relplan.ui.main_window import MainWindow


def user_templates_folder() -> Path:
    """Where the planner's own templates are kept."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "templates"


class TemplatePrompts:
    """The template dialogs; tests replace this object with scripted answers."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def new_release(
        self,
        project: Project,
        templates: list[tuple[Path, Template, str]],
        calendar_id: str | None,
    ) -> NewReleaseInput | None:
        dialog = NewReleaseDialog(project, templates, calendar_id, date.today(), self.parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def template_info(self, release_name: str, folder: Path) -> TemplateInfo | None:
        dialog = SaveTemplateDialog(release_name, folder, self.parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def confirm_replace(self, path: Path) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.parent,
            "Replace template?",
            f"A template file {path.name} exists already. Replace it?",
            buttons.Yes | buttons.No,
            buttons.No,
        )
        return answer == buttons.Yes


class TemplateFlows:
    """The two template commands of the Release menu."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.prompts = TemplatePrompts(window)
        self.folder: Path = user_templates_folder()
        self.new_release_action = QAction(icon("release"), "New Release from &Template…", window)
        self.new_release_action.setStatusTip(
            "Create a release with the phases, gates, checklists and roles of a template"
        )
        self.new_release_action.triggered.connect(lambda: self.new_release())
        self.save_action = QAction("Save Release as Te&mplate…", window)
        self.save_action.setStatusTip("Save the release shown as a template to reuse")
        self.save_action.triggered.connect(lambda: self.save_release())
        window.selection.release_changed.connect(lambda _id: self.update_actions())

    @property
    def actions(self) -> list[QAction]:
        return [self.new_release_action, self.save_action]

    def update_actions(self) -> None:
        doc = self.window.document
        editable = doc is not None and not doc.read_only
        self.new_release_action.setEnabled(editable)
        shown = self.window.selection.release_id
        self.save_action.setEnabled(doc is not None and shown in doc.project.releases)

    def templates(self) -> list[tuple[Path, Template, str]]:
        """Bundled templates first, then the planner's own (unreadable ones are reported)."""
        # The standard release first: what most releases start from.
        bundled = sorted(bundled_templates(), key=lambda pt: pt[0].stem != "standard-itil")
        found = [(path, t, "bundled") for path, t in bundled]
        problems: list[str] = []
        own = folder_templates(self.folder, lambda exc: problems.append(str(exc)))
        found += [(path, t, "yours") for path, t in own]
        if problems:
            messages.warning(
                f"Some templates in {self.folder} cannot be used: {problems[0]}"
                + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
            )
        return found

    def new_release(self) -> str | None:
        """Ask for a template, name and start date; add the release as one step and show it."""
        doc = self.window.document
        if doc is None:
            return None
        selected = doc.project.releases.get(self.window.selection.release_id or "")
        calendar_id = selected.calendar_id if selected is not None else None
        answer = self.prompts.new_release(doc.project, self.templates(), calendar_id)
        if answer is None:
            return None
        try:
            made = instantiate(
                doc.project,
                answer.template,
                answer.name,
                answer.start,
                version=answer.version,
                calendar_id=answer.calendar_id,
            )
        except (EditError, TemplateError) as exc:
            messages.error(str(exc))
            return None
        if not doc.push(made.changes):
            return None
        self.window.selection.select_item(None)
        self.window.selection.select_release(made.release_id)
        if made.unfilled_roles:
            roles = and_list(made.unfilled_roles)
            messages.warning(
                f"'{answer.name}' was created, but nobody in the project has the role {roles}; "
                "give those roles to people and assign them in the RACI tab."
            )
        else:
            messages.info(f"Created '{answer.name}' from the template '{answer.template.name}'.")
        return made.release_id

    def save_release(self) -> Path | None:
        """Save the release shown as a template in the planner's template folder."""
        doc = self.window.document
        release_id = self.window.selection.release_id
        if doc is None or release_id not in doc.project.releases:
            return None
        release = doc.project.releases[release_id]
        info = self.prompts.template_info(release.name, self.folder)
        if info is None:
            return None
        try:
            template, left_out = template_from_release(
                doc.project, release_id, info.name, info.description
            )
        except TemplateError as exc:
            messages.error(str(exc))
            return None
        path = self.folder / file_name_for(template.name)
        if path.exists() and not self.prompts.confirm_replace(path):
            return None
        try:
            save_template(template, path)
        except OSError as exc:
            messages.error(
                f"The template could not be saved to {path}: {exc.strerror or exc}; "
                "check that the folder is writable."
            )
            return None
        note = ""
        if left_out:
            note = f" {and_list(left_out)} have no job role, so their assignments were left out."
        messages.info(f"Saved the template '{template.name}' to {path}.{note}")
        return path
