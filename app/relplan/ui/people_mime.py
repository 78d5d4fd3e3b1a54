"""Drag data for people and teams: ids only, read back by every view that takes a drop.

A person dragged from the people dock is assigned (R by default) where dropped; a team
dragged assigns its members as I. The timeline, the graph and the RACI matrix all accept
this format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import QMimeData

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
