"""The status bar's permanent fields: problem counts and the shown release's finish and slack."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from relplan.domain.calendar import format_day
from relplan.domain.model import Release
from relplan.domain.schedule import ReleaseSchedule


class ReleaseStatus:
    """Fills the right-hand side of the status bar; messages use the left-hand side."""

    def __init__(self, bar: QStatusBar) -> None:
        self.problems = QLabel()
        self.problems.setObjectName("problemStatus")
        self.finish = QLabel()
        self.finish.setObjectName("finishStatus")
        self.slack = QLabel()
        self.slack.setObjectName("slackStatus")
        for label in (self.problems, self.finish, self.slack):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def clear(self) -> None:
        self.finish.clear()
        self.slack.clear()
        self.slack.setStyleSheet("")

    def show_release(self, release: Release, schedule: ReleaseSchedule) -> None:
        finish = schedule.finish
        if finish is None:
            self.finish.setText(f"{release.name}: no items yet")
            self.slack.clear()
            return
        self.finish.setText(f"{release.name} finishes {format_day(finish)}")
        tip = f"Started {format_day(release.start)}"
        if release.deadline is None:
            self.slack.setText("No deadline")
            self.slack.setStyleSheet("")
            self.slack.setToolTip("Set a deadline on the release to see its slack.")
        else:
            slack = schedule.min_slack()
            days = "day" if abs(slack) == 1 else "days"
            if slack < 0:
                self.slack.setText(f"{-slack} working {days} late")
                self.slack.setStyleSheet("color: #c62828; font-weight: bold;")
            else:
                self.slack.setText(f"Slack {slack} working {days}")
                self.slack.setStyleSheet("")
            self.slack.setToolTip(f"Deadline {format_day(release.deadline)}")
            tip += f", deadline {format_day(release.deadline)}"
        self.finish.setToolTip(tip)

    def show_problems(self, errors: int, warnings: int) -> None:
        parts = []
        if errors:
            parts.append(f"{errors} error{'s' if errors != 1 else ''}")
        if warnings:
            parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
        self.problems.setText(", ".join(parts) if parts else "No problems")
        self.problems.setStyleSheet("color: #c62828;" if errors else "")
