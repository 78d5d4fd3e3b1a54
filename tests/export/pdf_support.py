"""Helpers for the PDF tests: reading a PDF's text, outline and metadata, rendering a page,
and a sample project full of hostile and non-Latin names.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from relplan.domain.model import Project
from relplan.samples import sample_project
from relplan.samples.payments_plan import sample_id

AS_OF = date(2026, 11, 26)
RELEASE = "Payments 4.2"
HOSTILE = 'a < b & "c" > d'
IMG = '<img src="http://example.invalid/logo.png"/> Launch'
FONT_TAG = '<font name="Courier">Owner</font>'
GREEK = "Ελένη Παπαδοπούλου"
CYRILLIC = "Дмитрий Иванов"
CHINESE = "王小明"
JAPANESE = "山田 太郎"
LONG_WORD = "x" * 5000
LONG_NOTE = ("This note goes on and on about the rollout. " * 40 + "\n") * 30


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def all_text(path: Path) -> str:
    """The text of every page, with line breaks and runs of spaces made single spaces."""
    return " ".join(" ".join(text.split()) for text in pages_text(path))


def outline_titles(path: Path) -> list[str]:
    reader = PdfReader(str(path))
    titles: list[str] = []

    def walk(entries) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)

    walk(reader.outline)
    return titles


def ink_ratio(path: Path, page: int, folder: Path) -> float:
    """The share of non-white pixels of page ``page`` (1-based) rendered by pdftoppm at 60 dpi.

    0.0 is a blank page. Skips the test when poppler's pdftoppm is not installed.
    """
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    prefix = folder / f"page{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            "60",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(prefix),
        ],
        check=True,
    )
    data = prefix.with_suffix(".pgm").read_bytes()
    # Binary PGM: "P5", width, height, maxval, then one byte per pixel.
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4][: width * height]
    return sum(1 for value in pixels if value < 240) / len(pixels)


def hostile_project() -> Project:
    """The sample with hostile, markup-like, non-Latin and enormous user strings."""
    project = sample_project()
    items = project.items

    def rename(kind: str, key: str, **changes) -> None:
        table = {"item": items, "person": project.people, "audience": project.audiences}[kind]
        record_id = sample_id(kind, key)
        table[record_id] = dataclasses.replace(table[record_id], **changes)

    rename("item", "rq.gate", name=HOSTILE)
    rename("item", "dp.golive", name=IMG, notes=LONG_NOTE)
    rename("item", "bd.gate", name=FONT_TAG)
    rename("item", "bd.batch", notes=LONG_WORD)
    rename("item", "sp.gate", name=f"{CHINESE} 发布完成")
    rename("person", "maria", name=GREEK)
    rename("person", "priya", name=CYRILLIC)
    rename("person", "hannah", name=CHINESE)
    rename("person", "chen", name=JAPANESE)
    rename("audience", "desk", name=f"Support desk {HOSTILE}")
    release_id = sample_id("release", "4.2")
    release = project.releases[release_id]
    project.releases[release_id] = dataclasses.replace(
        release, description=f"{IMG} {LONG_WORD}", rollback_plan=LONG_NOTE
    )
    first_cr = next(cr for cr in project.change_requests.values() if cr.user_steps)
    project.change_requests[first_cr.id] = dataclasses.replace(
        first_cr, user_impact=LONG_WORD, user_steps=(*first_cr.user_steps, LONG_NOTE)
    )
    return project
