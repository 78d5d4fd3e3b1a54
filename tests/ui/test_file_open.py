"""Files the desktop hands to relplan as the macOS Finder does it: in a QFileOpenEvent, at
start-up or while the app runs (test_main_window covers a file on the command line)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from window_support import (
    BUILD,
    prompts_fixture,  # noqa: F401  (a fixture)
    settings_fixture,  # noqa: F401  (a fixture)
    write_project,
)

from relplan.domain import edits
from relplan.ui.app import start
from relplan.ui.dialogs.prompts import SaveChoice

# The offscreen platform can neither propagate size hints nor raise a window; the Finder's
# open request raises the window, so both warnings are expected here.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


def _started(qtbot, settings, prompts, paths: list[str]):
    window = start(paths, settings)
    window.prompts = prompts  # type: ignore[assignment]
    qtbot.addWidget(window)
    return window


def _finder_opens(path) -> None:
    """What the Finder does on a double-click: an open event posted to the application."""
    QApplication.postEvent(QApplication.instance(), QFileOpenEvent(str(path)))


def test_a_file_the_finder_sends_at_start_up_opens(qtbot, settings, prompts, tmp_path):
    path = write_project(tmp_path / "double-clicked.relplan")
    window = _started(qtbot, settings, prompts, [])
    _finder_opens(path)
    qtbot.waitUntil(lambda: window.document is not None and window.document.path == path)
    assert window.windowTitle().startswith("double-clicked")


def test_a_file_sent_while_running_replaces_the_open_one_after_asking(
    qtbot, settings, prompts, tmp_path
):
    first = write_project(tmp_path / "first.relplan")
    second = write_project(tmp_path / "second.relplan")
    window = _started(qtbot, settings, prompts, [str(first)])
    doc = window.document
    assert doc is not None and doc.push(edits.update_item(doc.project, BUILD, name="Unsaved"))
    prompts.unsaved_answers = [SaveChoice.DISCARD]
    _finder_opens(second)
    qtbot.waitUntil(lambda: window.document is not None and window.document.path == second)
    assert prompts.unsaved_asked == ["first.relplan"]


def test_a_web_address_is_not_a_file_to_open(qtbot, settings, prompts):
    window = _started(qtbot, settings, prompts, [])
    event = QFileOpenEvent(QUrl("https://example.com/plan.relplan"))
    assert not QApplication.sendEvent(QApplication.instance(), event)
    qtbot.wait(10)
    assert window.document is None
    assert window.pages.currentWidget() is window.welcome
