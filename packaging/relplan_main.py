"""Entry point of the desktop bundles: the ``relplan`` command, frozen by PyInstaller.

Without arguments (or with a file) it opens the app; with a command it runs headless, as
the installed ``relplan`` command does. RELPLAN_BUNDLE_SELFTEST=1 checks instead that the
GUI can start from the bundle (Qt plugins, SVG icons, the main window) and exits.
"""

from __future__ import annotations

import os
import sys


def _give_output_somewhere() -> None:
    # A windowed Windows build starts without a console: sys.stdout and sys.stderr are None,
    # and the first print() would raise. Send them nowhere instead.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _selftest(paths: list[str]) -> int:
    """Start the GUI off screen on ``paths[0]`` (if given), check what a bundle can miss."""
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    from relplan.ui.app import configure, start
    from relplan.ui.icons import icon
    from relplan.ui.settings import Settings

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    configure(app)
    problems = []
    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    if "svg" not in formats:
        problems.append("Qt's SVG image plugin is missing")
    if icon("app").pixmap(32, 32).isNull() or icon("open").pixmap(16, 16).isNull():
        problems.append("the bundled SVG icons cannot be drawn")
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat))
        window = start(paths[:1], settings)
        opened = window.document.path.name if window.document and window.document.path else None
        if paths and opened is None:
            problems.append(f"{paths[0]} did not open")
        window.close()
        del window
    for problem in problems:
        print(f"relplan bundle self-test: {problem}.", file=sys.stderr)
    if not problems:
        print(f"relplan bundle self-test passed (platform {app.platformName()}, opened {opened}).")
    return 1 if problems else 0


def main() -> int:
    _give_output_somewhere()
    # The Finder of old macOS versions adds a process serial number; it is not a file.
    args = [a for a in sys.argv[1:] if not a.startswith("-psn_")]
    if os.environ.get("RELPLAN_BUNDLE_SELFTEST") == "1":
        return _selftest(args)
    from relplan.cli import main as relplan_main

    return relplan_main(args)


if __name__ == "__main__":
    sys.exit(main())
