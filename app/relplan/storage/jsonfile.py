"""The bytes of a project file: strict reading of untrusted JSON, and the written layout.

Reading refuses what :func:`json.loads` would quietly accept: NaN and Infinity, duplicate
keys (the last one would silently win), text that is not UTF-8. Writing puts one record on
one line, which keeps the file readable and diffs in version control small, and lets the
C encoder of :mod:`json` do the work (indenting would fall back to pure Python).
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Callable
from typing import Any

from relplan.storage.problems import Problem, error

MAX_BYTES = 256 * 2**20
BACKUP_HINT = "open the backup copy (the same name ending in .bak) if there is one"


class NotAFile(OSError):
    """A path that is a device, a pipe or a socket rather than a file."""


class FileTooBig(ValueError):
    """A file over :data:`MAX_BYTES`; it is not read at all."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def read_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of ``path``; raises FileTooBig instead of reading a file over the limit."""
    status = os.stat(path)
    # A device could be endless and opening a pipe waits for a writer: neither is a project.
    if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
        raise NotAFile(path)
    if status.st_size > MAX_BYTES:
        raise FileTooBig(status.st_size)
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1) if status.st_size == 0 else handle.read()
    if len(raw) > MAX_BYTES:  # it grew while being read
        raise FileTooBig(len(raw))
    return raw


class DuplicateKeys(dict):
    """A JSON object in which some key appeared more than once; the last value was kept."""

    __slots__ = ("twice",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        counts: dict[str, int] = {}
        for key, _value in pairs:
            counts[key] = counts.get(key, 0) + 1
        self.twice = [key for key, count in counts.items() if count > 1]


class _NotANumber(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _NotANumber(name)


def parse(raw: bytes) -> tuple[Any, list[Problem]]:
    """The JSON value in ``raw``, or None and the problems that prevent reading it.

    Objects with duplicate keys come back as :class:`DuplicateKeys`, so the caller can say
    where they are.
    """
    if len(raw) > MAX_BYTES:
        return None, [too_big(len(raw))]
    if not raw or raw.isspace():
        return None, [
            error("", "the file is empty", f"it may have been cut off while saving; {BACKUP_HINT}")
        ]
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or raw.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        return None, [
            error("", "the file is saved as UTF-16 or UTF-32 text", "save it again as UTF-8")
        ]
    if b"\0" in raw[:4096]:  # JSON text never holds a NUL byte; binary files soon do
        return None, [
            error(
                "",
                "this is not a text file (it holds binary data)",
                "check that this is a relplan project and not another kind of file",
            )
        ]
    try:
        text = raw.decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError as exc:
        return None, [_not_text(raw, exc)]
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_reject_constant), []
    except json.JSONDecodeError as exc:
        return None, [_not_json(text, exc)]
    except _NotANumber as exc:
        return None, [
            error(
                _line_of_constant(text, str(exc)),
                f"the file contains {exc}, which is not a number JSON allows",
                "replace it with a number, or open the backup copy",
            )
        ]
    except RecursionError:
        return None, [
            error(
                "",
                "the data is nested too deeply to be a relplan project",
                "check that this is the right file",
            )
        ]
    except ValueError as exc:  # e.g. an integer with thousands of digits
        return None, [error("", f"the file contains a value that cannot be read ({exc})", "")]


def _object(pairs: list[tuple[str, Any]]) -> dict:
    obj = dict(pairs)
    return obj if len(obj) == len(pairs) else DuplicateKeys(pairs)


def too_big(size: int) -> Problem:
    """The problem of a file larger than :data:`MAX_BYTES`."""
    return error(
        "",
        f"the file is {size / 2**20:.0f} MiB, more than the {MAX_BYTES // 2**20} MiB a project "
        "file may have",
        "check that this is a relplan project",
    )


def _not_text(raw: bytes, exc: UnicodeDecodeError) -> Problem:
    line = raw.count(b"\n", 0, exc.start) + 1
    return error(
        f"line {line}",
        f"the text is not valid UTF-8 (at byte {exc.start})",
        "save the file again as UTF-8, or open the backup copy",
    )


def _not_json(text: str, exc: json.JSONDecodeError) -> Problem:
    place = f"line {exc.lineno}, column {exc.colno}"
    # A relplan file is one JSON object: one that starts but does not end was cut off.
    stripped = text.strip()
    if stripped.startswith("{") and not stripped.endswith("}"):
        return error(
            place, "the file ends in the middle of the data", f"it was cut off; {BACKUP_HINT}"
        )
    return error(
        place,
        f"this is not valid JSON ({exc.msg[:1].lower() + exc.msg[1:]})",
        f"if the file was edited by hand, correct that spot; otherwise {BACKUP_HINT}",
    )


def _line_of_constant(text: str, name: str) -> str:
    """Best guess of the line holding ``NaN``/``Infinity`` as a value (not inside text)."""
    match = re.search(r"[:\[,]\s*" + re.escape(name) + r"\s*[,\]}]", text)
    return f"line {text.count(chr(10), 0, match.start()) + 1}" if match else ""


# --- writing -------------------------------------------------------------------------------


def _row_encoder() -> Callable[[Any], str]:
    """JSON text of one row, made by the C encoder built once (not once per row, as
    ``json.dumps`` would: that doubles the time to write a big project)."""
    options = {"ensure_ascii": False, "allow_nan": False, "separators": (", ", ": ")}
    slow = json.JSONEncoder(check_circular=False, **options).encode
    try:
        from json.encoder import c_make_encoder, encode_basestring

        if c_make_encoder is None:
            return slow
        chunks = c_make_encoder(
            None, None, encode_basestring, None, ": ", ", ", False, False, False
        )
        if "".join(chunks({"a": ["é", 1, None, True]}, 0)) != slow({"a": ["é", 1, None, True]}):
            return slow
    except (ImportError, TypeError):
        return slow
    return lambda value: "".join(chunks(value, 0))


_encode = _row_encoder()


def dumps(document: dict[str, dict[str, dict]]) -> bytes:
    """The file for a TinyDB document (table -> row key -> row): one row a line, UTF-8.

    A lone surrogate in some text (it cannot be UTF-8) is written as a JSON ``\\uXXXX``
    escape, so it is saved and read back unchanged instead of failing the save.
    """
    parts = []
    for table, rows in document.items():
        if rows:
            body = ",\n".join([_row(key, row) for key, row in rows.items()])
            parts.append(f"{_encode(table)}: {{\n{body}\n}}")
        else:
            parts.append(f"{_encode(table)}: {{}}")
    text = "{\n" + ",\n".join(parts) + "\n}\n"
    return text.encode("utf-8", errors="backslashreplace")


def _row(key: str, row: dict) -> str:
    # TinyDB's row keys are digits, which never need escaping.
    return f' "{key}": {_encode(row)}' if key.isdigit() else f" {_encode(key)}: {_encode(row)}"
