"""PDF exports: the release plan and the training handouts (ReportLab, no Qt).

:func:`export_plan` and :func:`export_handout` write a finished document; both take a
``progress(done, total, step)`` callback that may raise :class:`ExportCancelled`.
"""

from __future__ import annotations

from relplan.export.pdf.handout import HandoutOptions, export_handout
from relplan.export.pdf.pages import (
    ORIENTATIONS,
    PAGE_SIZES,
    ExportCancelled,
    ExportError,
    default_page_size,
)
from relplan.export.pdf.plan import PLAN_SECTIONS, PlanOptions, export_plan

__all__ = [
    "ORIENTATIONS",
    "PAGE_SIZES",
    "PLAN_SECTIONS",
    "ExportCancelled",
    "ExportError",
    "HandoutOptions",
    "PlanOptions",
    "default_page_size",
    "export_handout",
    "export_plan",
]
