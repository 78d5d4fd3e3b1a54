"""Page setup and the document template: cover page, running header, "Page X of Y" footer,
bookmarks per section, PDF metadata, progress and cancel, and an atomic write.
"""

from __future__ import annotations

import contextlib
import locale
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.flowables import Flowable

from relplan.export.pdf import fonts, theme

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
ORIENTATIONS = ("portrait", "landscape")
# Territories whose paper is US Letter (the rest of the world uses A4).
_LETTER_TERRITORIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR", "SV", "NI"}

Progress = Callable[[int, int, str], None]


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


PROGRESS_TOTAL = 1000


def progress_part(progress: Progress | None, start: int, end: int) -> Progress | None:
    """``progress`` for one stage of the export: its steps fill ``start`` .. ``end`` of
    :data:`PROGRESS_TOTAL`, so the whole export counts up once from 0 to the total.
    """
    if progress is None:
        return None

    def report(done: int, total: int, step: str) -> None:
        share = min(1.0, done / total) if total > 0 else 0.0
        progress(start + round((end - start) * share), PROGRESS_TOTAL, step)

    return report


class ExportCancelled(Exception):
    """The export was cancelled (raised by a progress callback); nothing was written."""


class ExportError(Exception):
    """The export failed; the message says what and what to do."""


def default_page_size(locale_name: str | None = None) -> str:
    """ "Letter" in the US, Canada and the other Letter countries, else "A4".

    ``locale_name`` like "en_US" (the UI passes the system locale); without it, the
    process locale and the LC_PAPER / LC_ALL / LANG variables decide.
    """
    names = [locale_name] if locale_name else []
    if not names:
        names = [os.environ.get(v, "") for v in ("LC_PAPER", "LC_ALL", "LANG")]
        with contextlib.suppress(ValueError):
            names.append(locale.getlocale()[0] or "")
    for name in names:
        if not name or name in ("C", "POSIX"):
            continue
        territory = name.split(".")[0].replace("-", "_").split("_")[-1].upper()
        return "Letter" if territory in _LETTER_TERRITORIES else "A4"
    return "A4"


@dataclass(frozen=True)
class PageSetup:
    """Paper size and orientation, and the margins that go with them."""

    size: str = "A4"
    orientation: str = "landscape"

    def __post_init__(self) -> None:
        if self.size not in PAGE_SIZES:
            raise ValueError(f"unknown page size {self.size!r}; use A4 or Letter")
        if self.orientation not in ORIENTATIONS:
            raise ValueError(f"unknown orientation {self.orientation!r}")

    @property
    def pagesize(self) -> tuple[float, float]:
        size = PAGE_SIZES[self.size]
        return landscape(size) if self.orientation == "landscape" else portrait(size)

    margin_x: float = 16 * mm
    margin_top: float = 19 * mm
    margin_bottom: float = 17 * mm

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - 2 * self.margin_x

    @property
    def frame_height(self) -> float:
        return self.pagesize[1] - self.margin_top - self.margin_bottom


@dataclass(frozen=True)
class DocInfo:
    """What the PDF says about itself: metadata, header and footer texts."""

    title: str
    author: str
    subject: str
    header_left: str
    header_right: str
    footer_left: str
    keywords: tuple[str, ...] = ()


class Heading(Paragraph):
    """A heading that becomes a bookmark (PDF outline entry) at ``level``."""

    def __init__(self, markup: str, style, outline_title: str, level: int = 0) -> None:
        super().__init__(markup, style)
        self.outline_title = outline_title
        self.outline_level = level


class _NumberedCanvas(Canvas):
    """Keeps every page until the end so the footer can say "Page X of Y"."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer_at: tuple[float, float] | None = None

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._footer_at = None
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if self._footer_at is not None:
                x, y = self._footer_at
                self.setFillColor(theme.MUTED)
                fonts.draw_string(self, x, y, f"Page {number} of {total}", fonts.SANS, 7.5, "end")
            super().showPage()
        super().save()


class ReportDoc(BaseDocTemplate):
    """A cover page followed by body pages with header and footer."""

    def __init__(
        self,
        filename: str,
        setup: PageSetup,
        info: DocInfo,
        total_flowables: int = 0,
        progress: Progress | None = None,
    ) -> None:
        fonts.register_fonts()
        width, height = setup.pagesize
        super().__init__(
            filename,
            pagesize=setup.pagesize,
            leftMargin=setup.margin_x,
            rightMargin=setup.margin_x,
            topMargin=setup.margin_top,
            bottomMargin=setup.margin_bottom,
            title=info.title,
            author=info.author,
            subject=info.subject,
            creator="relplan",
            keywords=list(info.keywords),
            invariant=False,
        )
        self.setup = setup
        self.info = info
        self.progress = progress
        self.total_flowables = max(1, total_flowables)
        self.done_flowables = 0
        self.page_count = 0
        self._outline_keys = 0
        cover = Frame(0, 0, width, height, 0, 0, 0, 0, id="cover")
        body = Frame(
            setup.margin_x,
            setup.margin_bottom,
            setup.frame_width,
            setup.frame_height,
            0,
            0,
            0,
            0,
            id="body",
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [cover], onPage=self._on_cover),
                PageTemplate("body", [body], onPage=self._on_body),
            ]
        )

    def _on_cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.showOutline()
        self.page_count += 1

    def _on_body(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.page_count += 1
        setup = self.setup
        width, height = setup.pagesize
        x0, x1 = setup.margin_x, width - setup.margin_x
        top = height - setup.margin_top + 7 * mm
        canvas.saveState()
        canvas.setFillColor(theme.MUTED)
        fonts.draw_string(canvas, x0, top, self.info.header_left, fonts.SANS_BOLD, 7.5)
        fonts.draw_string(canvas, x1, top, self.info.header_right, fonts.SANS, 7.5, "end")
        canvas.setStrokeColor(theme.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(x0, top - 3.5, x1, top - 3.5)
        bottom = setup.margin_bottom - 9 * mm
        canvas.line(x0, bottom + 9, x1, bottom + 9)
        fonts.draw_string(canvas, x0, bottom, self.info.footer_left, fonts.SANS, 7.5)
        canvas.restoreState()
        canvas._footer_at = (x1, bottom)  # the page number is drawn when the total is known

    def afterFlowable(self, flowable: Flowable) -> None:
        title = getattr(flowable, "outline_title", None)
        if title:
            # Headings and chart pages carry their bookmark; a heading split over two
            # pages is bookmarked once.
            self._outline_keys += 1
            key = f"section-{self._outline_keys}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, flowable.outline_level, closed=True)
            flowable.outline_title = None
        self.done_flowables += 1
        if self.progress is not None:
            done = min(self.done_flowables, self.total_flowables)
            self.progress(done, self.total_flowables, f"Page {self.page_count}")


def build(
    story: list[Flowable],
    path: str | os.PathLike,
    setup: PageSetup,
    info: DocInfo,
    progress: Progress | None = None,
    commit: Callable[[], None] | None = None,
) -> int:
    """Lay out ``story`` into ``path`` and return the number of pages.

    Writes to a temporary file next to ``path`` and moves it into place at the end, so a
    failed or cancelled export leaves the previous file untouched. ``commit()`` is called
    once the PDF is complete, right before it replaces ``path``: the last moment at which
    raising :class:`ExportCancelled` still leaves ``path`` as it was.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".relplan-", suffix=".pdf", dir=folder)
    except OSError as exc:
        raise ExportError(
            f"Cannot write to {folder}: {exc.strerror or exc}; choose another folder."
        ) from None
    os.close(handle)
    # mkstemp makes the file private; a PDF is meant to be shared like any other file.
    with contextlib.suppress(OSError):
        os.chmod(temp_name, 0o666 & ~_UMASK)
    try:
        doc = ReportDoc(temp_name, setup, info, len(story), progress)
        doc.build(story, canvasmaker=_NumberedCanvas)
        if commit is not None:
            commit()
        try:
            os.replace(temp_name, target)
        except OSError as exc:
            raise ExportError(
                f"Cannot write {target}: {exc.strerror or exc}; close the file if another "
                "program has it open, or choose another name."
            ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temp_name)
        raise
    return doc.page_count
