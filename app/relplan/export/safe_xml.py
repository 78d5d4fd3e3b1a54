"""Reading untrusted XML (MS Project, GanttProject) without entity tricks.

Python's ElementTree expands internal entities, so a small file can declare entities that
expand to gigabytes ("billion laughs"). Neither MS Project nor GanttProject writes a
document type declaration, so a first pass with expat refuses any ``<!DOCTYPE>`` or entity
declaration before ElementTree sees the file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from relplan.export.exchange_report import ExchangeError, article


class _Refused(Exception):
    pass


def _refuse(*_args: object) -> None:
    raise _Refused


def parse_xml(raw: bytes, source: str, kind: str) -> ET.Element:
    """The root element of ``raw``; ExchangeError for anything that is not plain XML."""
    if not raw.strip():
        raise ExchangeError(f"{source} is empty; choose {article(kind)} {kind} file.")
    checker = expat.ParserCreate()
    checker.StartDoctypeDeclHandler = _refuse
    checker.EntityDeclHandler = _refuse
    checker.UnparsedEntityDeclHandler = _refuse
    checker.ExternalEntityRefHandler = _refuse
    try:
        checker.Parse(raw, True)
    except _Refused:
        raise ExchangeError(
            f"{source} declares a document type or entities, which {kind} files never do; "
            "relplan does not read such files, for safety."
        ) from None
    except expat.ExpatError as exc:
        raise ExchangeError(
            f"{source} is not a readable XML file ({expat.ErrorString(exc.code)} at line "
            f"{exc.lineno}); choose {article(kind)} {kind} file."
        ) from None
    try:
        return ET.fromstring(raw)
    except ET.ParseError as exc:  # pragma: no cover - expat accepted it above
        raise ExchangeError(f"{source} is not a readable XML file ({exc}).") from None


def local_name(tag: str) -> str:
    """``{namespace}Task`` -> ``Task``."""
    return tag.rsplit("}", 1)[-1]
