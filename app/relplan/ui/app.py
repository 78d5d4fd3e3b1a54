"""Starting the GUI: the QApplication, the excepthook, the main window, the first file."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
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


class FileOpenHandler(QObject):
    """Opens the files the desktop hands over as QFileOpenEvent rather than in argv.

    The macOS Finder does that for a double-click, Open With or a drop on the Dock icon, at
    start-up and while the app runs. Installed on the application; lives as long as the window.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """QObject.eventFilter: take FileOpen events for local files, pass everything on."""
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        path = event.file()
        if not path:  # a URL that is not a local file: nothing relplan can open
            return False
        # Open after the event returns: the unsaved-changes question must not run inside
        # the Finder's open request.
        QTimer.singleShot(0, self, lambda: self._open(path))
        return True

    def _open(self, path: str) -> None:
        self._window.files.open_path(path)
        self._window.raise_()
        self._window.activateWindow()


def start(paths: list[str], settings: Settings | None = None) -> MainWindow:
    """Show the main window on ``paths[0]``, or on the welcome screen without a path.

    Files the desktop sends later (macOS: QFileOpenEvent) open in the same window.
    """
    window = MainWindow(settings)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(FileOpenHandler(window))
    window.show()
    recovered = window.files.safety.offer_recovery()  # work left unsaved by a crash
    if paths and not recovered:
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
