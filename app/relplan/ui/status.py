"""The status bar's permanent fields: problem counts, the shown release's finish and margin."""

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
            # The same measure as the Overview tab and the PDF: how far the finish is from
            # the deadline. The least slack (a pinned go-live has none) goes in the tooltip.
            deadline_end = schedule.calendar.index_at_or_before(release.deadline) + 1
            margin = deadline_end - schedule.finish_index()
            days = "day" if abs(margin) == 1 else "days"
            if margin < 0:
                self.slack.setText(f"{-margin} working {days} after the deadline")
                self.slack.setStyleSheet("color: #c62828; font-weight: bold;")
            else:
                self.slack.setText(f"{margin} working {days} before the deadline")
                self.slack.setStyleSheet("")
            least = schedule.min_slack()
            self.slack.setToolTip(
                f"Deadline {format_day(release.deadline)}; least slack of any item: "
                f"{least} working day{'s' if abs(least) != 1 else ''} (the critical path)."
            )
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
