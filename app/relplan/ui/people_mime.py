"""Drag data for people and teams: ids only, read back by every view that takes a drop.

A person dragged from the people dock is assigned (R by default) where dropped; a team
dragged assigns its members as I. The timeline, the graph and the RACI matrix all accept
this format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData

from relplan.domain import edits
from relplan.ui import messages

if TYPE_CHECKING:
    from relplan.ui.document import Document

MIME_TYPE = "application/x-relplan-people"


@dataclass(frozen=True)
class PeopleDrag:
    """Who is being dragged: people by id, or one team (then ``person_ids`` is empty)."""

    person_ids: tuple[str, ...] = ()
    team_id: str | None = None


def people_mime(drag: PeopleDrag) -> QMimeData:
    mime = QMimeData()
    payload = {"person_ids": list(drag.person_ids), "team_id": drag.team_id}
    mime.setData(MIME_TYPE, json.dumps(payload).encode("utf-8"))
    return mime


def people_from_mime(mime: QMimeData | None) -> PeopleDrag | None:
    """The drag in ``mime``, or None when it carries no (valid) people data."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))
        person_ids = tuple(str(p) for p in payload.get("person_ids", ()))
        team_id = payload.get("team_id")
    except (ValueError, AttributeError, TypeError):
        return None
    if not person_ids and not team_id:
        return None
    return PeopleDrag(person_ids, str(team_id) if team_id else None)


def drop_people(document: Document, item_id: str, drag: PeopleDrag) -> bool:
    """Assign a drag's people (R) or team (members I) to an item: one undoable step.

    Says in the status bar what the drop did, or why it did nothing.
    """
    try:
        changes = edits.assign_people(document.project, item_id, drag.person_ids, drag.team_id)
    except edits.EditError as exc:
        messages.error(str(exc))
        return False
    if not changes:
        project = document.project
        item = project.items[item_id].name
        if drag.team_id is not None:
            messages.info(f"Everyone in {project.teams[drag.team_id].name} has a role on '{item}'.")
        else:
            names = " and ".join(project.people[p].name for p in drag.person_ids)
            verb = "is" if len(drag.person_ids) == 1 else "are"
            messages.info(f"{names} {verb} already Responsible for '{item}'.")
        return False
    if not document.push(changes):
        return False
    messages.info(changes.description + ".")
    return True
