"""File > Import and File > Export: other tools' files in and out, with the exchange report."""

from __future__ import annotations

import csv
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtWidgets import QApplication
from window_support import (  # noqa: F401  (fixtures)
    IGNORE_OFFSCREEN,
    prompts_fixture,
    recorded_fixture,
    settings_fixture,
    window_fixture,
)

from relplan.domain import edits
from relplan.domain.model import Project
from relplan.export.exchange_report import ExchangeReport
from relplan.export.mspdi import export_mspdi
from relplan.samples import sample_project
from relplan.ui.dialogs.exchange_report import ExchangeReportDialog
from relplan.ui.dialogs.prompts import SaveChoice
from relplan.ui.document import Document
from relplan.ui.exchange_flow import CSV_COMMAS, CSV_SEMICOLONS

pytestmark = IGNORE_OFFSCREEN

PLAN_CSV = "ID,Name,Kind,Duration,Predecessors\n1,Write spec,task,3,\n2,Build API,task,5,1\n"


@pytest.fixture(name="sample", scope="module")
def sample_fixture() -> Project:
    return sample_project()


@pytest.fixture(name="reports")
def reports_fixture(window) -> list[ExchangeReport]:
    """The reports the flow shows, recorded instead of opening the dialog."""
    shown: list[ExchangeReport] = []
    window.exchange.show_report = shown.append
    return shown


def _import(window, action, path: Path) -> None:
    window.exchange.ask_open_path = lambda title, folder, filters: str(path)
    action.trigger()


def _export(window, action, path: Path, chosen_filter: str = "") -> None:
    window.exchange.ask_save_path = lambda title, suggested, filters: (str(path), chosen_filter)
    action.trigger()


def _release_names(project: Project, release_id: str) -> set[str]:
    return {item.name for item in project.items.values() if item.release_id == release_id}


def test_import_csv_opens_a_new_unsaved_document(window, prompts, recorded, reports, tmp_path):
    window.files.new_project()
    before = window.document
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN_CSV, encoding="utf-8")
    _import(window, window.ui_actions.import_csv, plan)
    doc = window.document
    assert doc is not before and doc.path is None and not doc.read_only
    assert sorted(i.name for i in doc.project.items.values()) == ["Build API", "Write spec"]
    assert window.selection.release_id in doc.project.releases
    assert len(reports) == 1 and reports[0].kept
    assert not [m for m in recorded if m[0] == "error"]
    assert any("Imported plan.csv" in text for level, text in recorded if level == "info")


def test_import_asks_about_unsaved_changes_first(window, prompts, reports, tmp_path):
    window.files.new_project()
    current = window.document
    release_id = window.selection.release_id
    assert current.push(edits.update_record(current.project, "releases", release_id, name="M"))
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN_CSV, encoding="utf-8")
    prompts.unsaved_answers = [SaveChoice.CANCEL]
    _import(window, window.ui_actions.import_csv, plan)
    assert prompts.unsaved_asked and window.document is current and not reports
    prompts.unsaved_answers = [SaveChoice.DISCARD]
    _import(window, window.ui_actions.import_csv, plan)
    assert window.document is not current and len(reports) == 1


def test_import_mspdi_exported_from_the_sample(window, reports, sample, tmp_path):
    release = sample.release_by_name("Payments 4.2")
    path = tmp_path / "payments.xml"
    export_mspdi(sample, release, path)
    _import(window, window.ui_actions.import_mspdi, path)
    project = window.document.project
    (imported,) = project.releases.values()
    assert _release_names(project, imported.id) == _release_names(sample, release.id)
    assert len(reports) == 1 and reports[0].lossless


def test_a_bad_file_gives_one_error_and_keeps_the_document(
    window, prompts, recorded, reports, tmp_path
):
    window.files.new_project()
    current = window.document
    bad = tmp_path / "broken.xml"
    bad.write_text("this is not XML", encoding="utf-8")
    _import(window, window.ui_actions.import_mspdi, bad)
    errors = [text for level, text in recorded if level == "error"]
    assert len(errors) == 1 and "broken.xml" in errors[0]
    assert window.document is current and not prompts.unsaved_asked and not reports


def test_export_csv_of_the_release_shown(window, recorded, reports, sample, tmp_path):
    window.set_document(Document(sample))
    release_id = window.selection.release_id
    path = tmp_path / "out"  # no suffix: the format's is added
    _export(window, window.ui_actions.export_csv, path, CSV_COMMAS)
    written = path.with_suffix(".csv")
    with written.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["Name"] for row in rows} == _release_names(sample, release_id)
    assert len(reports) == 1
    _export(window, window.ui_actions.export_csv, tmp_path / "semi.csv", CSV_SEMICOLONS)
    header = (tmp_path / "semi.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("ID;Name;")
    assert not [m for m in recorded if m[0] == "error"]


def test_export_ical_and_mspdi(window, reports, sample, tmp_path):
    window.set_document(Document(sample))
    release_id = window.selection.release_id
    ics = tmp_path / "plan.ics"
    _export(window, window.ui_actions.export_ical, ics)
    text = ics.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in text
    xml = tmp_path / "plan.xml"
    _export(window, window.ui_actions.export_mspdi, xml)
    root = ElementTree.parse(xml).getroot()
    names = {el.text for el in root.iter() if el.tag.endswith("}Name")}
    assert _release_names(sample, release_id) <= names
    assert len(reports) == 2


def test_export_into_a_missing_folder_says_so_once(window, recorded, reports, sample, tmp_path):
    window.set_document(Document(sample))
    _export(window, window.ui_actions.export_csv, tmp_path / "missing" / "plan.csv", CSV_COMMAS)
    errors = [text for level, text in recorded if level == "error"]
    assert len(errors) == 1 and "does not exist" in errors[0] and not reports


def test_export_actions_need_a_project(window):
    actions = (window.ui_actions.export_csv, window.ui_actions.export_ical)
    assert not any(action.isEnabled() for action in actions)
    assert window.ui_actions.import_csv.isEnabled()


def test_report_dialog_lists_the_sections_and_copies_the_text(qtbot):
    report = ExchangeReport("Exported plan.csv (CSV)", kept=["55 items"], dropped=["<calendar>"])
    dialog = ExchangeReportDialog(report)
    qtbot.addWidget(dialog)
    text = dialog.details.toPlainText()
    assert "Kept (1)" in text and "Dropped (1)" in text and "<calendar>" in text
    assert "Approximated" not in text and "dropped: 1 line" in dialog.summary.text()
    dialog.copy_text()
    assert QApplication.clipboard().text() == str(report)


def test_the_report_opens_over_the_window_without_blocking(window, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN_CSV, encoding="utf-8")
    _import(window, window.ui_actions.import_csv, plan)
    dialog = window.exchange.report_dialog
    assert dialog is not None and dialog.isVisible() and "plan.csv" in dialog.title.text()
    dialog.reject()
