"""User text in the PDFs: escaped, never read as markup, any script, any length."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_support import (
    AS_OF,
    CHINESE,
    CYRILLIC,
    FONT_TAG,
    GREEK,
    HOSTILE,
    IMG,
    JAPANESE,
    RELEASE,
    all_text,
    hostile_project,
    ink_ratio,
)
from pypdf import PdfReader

from relplan.export.pdf import HandoutOptions, PlanOptions, export_handout, export_plan, fonts, text


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, Path]:
    project = hostile_project()
    release = project.release_by_name(RELEASE)
    folder = tmp_path_factory.mktemp("hostile")
    plan, handout = folder / "plan.pdf", folder / "handout.pdf"
    export_plan(project, release, plan, PlanOptions(as_of=AS_OF))
    export_handout(project, release, handout, HandoutOptions(as_of=AS_OF))
    return plan, handout


def test_markup_escapes_what_reportlab_would_read_as_tags():
    assert text.markup(HOSTILE) == "a &lt; b &amp; &quot;c&quot; &gt; d"
    assert "<img" not in text.markup(IMG)
    assert text.markup("line one\nline two") == "line one<br/>line two"


def test_control_characters_and_lone_surrogates_are_dropped():
    assert (
        text.clean("bell\x07 nul\x00 tab\there\r\nnext \ud800end") == "bell nul tab here\nnext end"
    )


def test_cjk_runs_switch_font_and_latin_stays():
    markup = text.markup(f"Owner: {CHINESE} / {GREEK}")
    assert f'<font name="{fonts.CJK}">{CHINESE}' in markup
    assert GREEK in markup and f'<font name="{fonts.CJK}">{GREEK}' not in markup
    assert fonts.runs("Plain ASCII", fonts.SANS) == [(fonts.SANS, "Plain ASCII")]


def test_fit_shortens_with_an_ellipsis():
    fonts.register_fonts()
    short = fonts.fit("Build settlement batch with 22:00 cut-off", fonts.COND, 8, 60)
    assert short.endswith("…") and len(short) < 20
    assert fonts.string_width(short, fonts.COND, 8) <= 60


def test_hostile_names_print_literally_in_the_plan(hostile):
    words = all_text(hostile[0])
    assert HOSTILE in words
    assert IMG in words  # printed, not fetched: the tag is text
    assert FONT_TAG in words


def test_greek_cyrillic_and_cjk_names_survive(hostile):
    for path in hostile:
        words = all_text(path)
        for name in (GREEK, CYRILLIC):
            assert name in words, (path.name, name)
    words = all_text(hostile[0])
    assert CHINESE in words
    assert "山田" in words


def test_the_cjk_font_is_embedded_so_no_boxes(hostile):
    reader = PdfReader(str(hostile[0]))
    names = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    assert any("DroidSansFallback" in n for n in names)
    assert any("DejaVuSans" in n for n in names)


def test_huge_words_and_notes_do_not_break_the_export(hostile, tmp_path):
    plan, handout = hostile
    reader = PdfReader(str(plan))
    assert len(reader.pages) > 20
    assert "xxxxxxxxxxxxxxxxxxxx" in all_text(plan)
    assert "goes on and on" in all_text(handout)
    assert ink_ratio(handout, 2, tmp_path) > 0.01


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_long_text_in_narrow_pages(orientation, tmp_path):
    project = hostile_project()
    release = project.release_by_name(RELEASE)
    options = PlanOptions(
        sections=("summary", "milestones", "deployment", "notes"),
        page_size="Letter",
        orientation=orientation,
        as_of=AS_OF,
    )
    assert export_plan(project, release, tmp_path / "plan.pdf", options) > 3


def test_the_japanese_name_in_the_handout(hostile):
    assert JAPANESE.split()[0] in all_text(hostile[0])


def test_a_layout_error_is_caught_and_the_export_retried_with_shorter_text(monkeypatch, tmp_path):
    from reportlab.platypus.doctemplate import LayoutError

    from relplan.export.pdf import plan as plan_module

    project = hostile_project()
    release = project.release_by_name(RELEASE)
    tight: list[bool] = []
    real_build = plan_module.build

    def build_once_too_large(story, *args, **kwargs):
        tight.append(text.markup("y" * 2000).count("y") <= text.TIGHT_LIMIT)
        if len(tight) == 1:
            raise LayoutError("Flowable too large on page 2")
        return real_build(story, *args, **kwargs)

    monkeypatch.setattr(plan_module, "build", build_once_too_large)
    options = PlanOptions(sections=("summary", "notes"), as_of=AS_OF)
    assert export_plan(project, release, tmp_path / "plan.pdf", options) > 1
    assert tight == [False, True]
    assert "…" in all_text(tmp_path / "plan.pdf")
