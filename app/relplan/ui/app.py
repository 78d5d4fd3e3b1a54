"""Starting the GUI: the QApplication, the excepthook, the main window, the first file."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from relplan import __version__
from relplan.ui import errors
from relplan.ui.icons import icon
from relplan.ui.main_window import MainWindow
from relplan.ui.settings import APPLICATION, ORGANIZATION, Settings


def configure(app: QApplication) -> None:
    """Names (for QSettings and the data folder), icon and a consistent style on Linux."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    if sys.platform.startswith("linux"):
        app.setStyle("Fusion")  # Windows and macOS keep their native look


def start(paths: list[str], settings: Settings | None = None) -> MainWindow:
    """Show the main window on ``paths[0]``, or on the welcome screen without a path."""
    window = MainWindow(settings)
    window.show()
    if paths:
        window.files.open_path(paths[0])
    return window


def run(argv: list[str]) -> int:
    """The GUI's main loop; ``argv`` holds at most one project file. Returns the exit code."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "relplan", *argv])
        paths = app.arguments()[1:]  # Qt has taken out its own options (-platform, ...)
    else:
        paths = list(argv)
    assert isinstance(app, QApplication)
    configure(app)
    handler = errors.install()
    try:
        window = start(paths)
        code = app.exec()
        del window
        return code
    finally:
        errors.uninstall(handler)
