"""MS Project XML (MSPDI): import and export, and the codes both sides share.

MSPDI is the XML format MS Project saves with File > Save As > XML. Reading lives in
:mod:`relplan.export.mspdi_read` (calendars in :mod:`relplan.export.mspdi_calendar`),
writing in :mod:`relplan.export.mspdi_write`. What maps to what is in docs/exchange.md.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

from relplan.domain.model import ConstraintKind, DependencyType, Project, Release
from relplan.export.exchange_report import ExchangeReport, read_input, write_output
from relplan.export.import_support import ImportResult

NS = "http://schemas.microsoft.com/project"
KIND = "MS Project XML"

# <PredecessorLink><Type>: 0 FF, 1 FS, 2 SF, 3 SS (FS when missing).
LINK_TYPES: dict[int, DependencyType] = {
    0: DependencyType.FF,
    1: DependencyType.FS,
    2: DependencyType.SF,
    3: DependencyType.SS,
}
LINK_CODES: dict[DependencyType, int] = {kind: code for code, kind in LINK_TYPES.items()}

# <ConstraintType> codes.
ASAP, ALAP, MSO, MFO, SNET, SNLT, FNET, FNLT = range(8)
CONSTRAINT_NAMES = {
    ALAP: "as late as possible",
    MSO: "must start on",
    MFO: "must finish on",
    SNET: "start no earlier than",
    SNLT: "start no later than",
    FNET: "finish no earlier than",
    FNLT: "finish no later than",
}
CONSTRAINT_CODES = {
    ConstraintKind.START_NO_EARLIER_THAN: SNET,
    ConstraintKind.MUST_FINISH_ON: MFO,
}

# Duration formats (<DurationFormat>, <LagFormat>); +32 marks an estimated duration.
MINUTES, HOURS, DAYS, WEEKS, MONTHS, PERCENT = 3, 5, 7, 9, 11, 19
ELAPSED_FORMATS = frozenset({4, 6, 8, 10, 12, 20})
PERCENT_FORMATS = frozenset({19, 20})
NULL_DURATION = 21

# A task with no resource has an assignment to this placeholder.
UNASSIGNED = -65535

# The text custom field used for RACI roles MS Project has no place for (task Text1).
RACI_FIELD_ID = 188743731
RACI_ALIAS = "RACI"

_DURATION = re.compile(
    r"^-?P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


def base_format(code: int) -> int:
    """The duration format without its "estimated" flag (39 -> 7)."""
    return code - 32 if code >= 35 else code


def parse_duration(text: str | None) -> float | None:
    """Minutes in an xsd:duration as MS Project writes it (``PT8H0M0S`` -> 480.0)."""
    if not text:
        return None
    match = _DURATION.match(text.strip())
    if match is None:
        return None
    parts = {key: float(value) if value else 0.0 for key, value in match.groupdict().items()}
    # MS Project writes hours, minutes and seconds only; days count as 24 h like xsd does.
    minutes = (parts["d"] * 1440 + parts["h"] * 60 + parts["mi"] + parts["s"] / 60) + (
        parts["y"] * 365 + parts["mo"] * 30
    ) * 1440
    return -minutes if text.strip().startswith("-") else minutes


def format_duration(minutes: int) -> str:
    """``PT<h>H<m>M0S``, the way MS Project writes durations and work."""
    hours, rest = divmod(max(0, minutes), 60)
    return f"PT{hours}H{rest}M0S"


def parse_datetime(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def format_datetime(day: date, at: time) -> str:
    return datetime.combine(day, at).isoformat(timespec="seconds")


def import_mspdi(path: str | Path) -> ImportResult:
    """Read an MS Project XML file into a new project with one release."""
    from relplan.export.mspdi_read import read_mspdi

    raw = read_input(path, KIND)
    return read_mspdi(raw, str(path), Path(path).stem)


def export_mspdi(project: Project, release: Release, path: str | Path) -> ExchangeReport:
    """Write ``release`` as an MS Project XML file MS Project opens with File > Open."""
    from relplan.export.mspdi_write import mspdi_bytes

    payload, report = mspdi_bytes(project, release)
    write_output(path, payload)
    return report
