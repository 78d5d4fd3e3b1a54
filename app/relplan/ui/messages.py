"""One place for messages to the user (info / warning / error).

Code anywhere in the UI calls :func:`info`, :func:`warning` or :func:`error`; the main
window shows them (status bar for info, dialogs for the others). Tests connect to
:data:`bridge` to record them instead of clicking dialogs away.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class MessageBridge(QObject):
    """Carries messages from where they arise to whoever shows them."""

    info = Signal(str)
    warning = Signal(str)
    error = Signal(str)


bridge = MessageBridge()


def info(text: str) -> None:
    """Something the planner may want to know (shown in the status bar)."""
    bridge.info.emit(text)


def warning(text: str) -> None:
    """Something went not quite as asked; the planner should read it."""
    bridge.warning.emit(text)


def error(text: str) -> None:
    """Something failed; the text says what and what to do."""
    bridge.error.emit(text)
