"""What can be wrong with a project file, said so that a planner can act on it."""

from __future__ import annotations

import os
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file: ``where`` it is, ``what`` is wrong, and a ``hint``.

    Errors stop the file from opening; warnings (a dependency cycle, an unknown field) are
    shown but the project opens.
    """

    severity: str
    where: str
    what: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        text = f"{self.where}: {self.what}" if self.where else self.what
        if self.hint:
            text = f"{text}; {self.hint}"
        text = text[:1].upper() + text[1:]
        return text if text.endswith((".", "!", "?")) else text + "."


def error(where: str, what: str, hint: str = "") -> Problem:
    return Problem(ERROR, where, what, hint)


def warning(where: str, what: str, hint: str = "") -> Problem:
    return Problem(WARNING, where, what, hint)


def _file_label(path: str | os.PathLike | None) -> str:
    if path is None:
        return "the project"
    name = os.path.basename(os.fspath(path)) or os.fspath(path)
    return f"'{name}'"


class ProjectFileError(Exception):
    """A project file that cannot be opened; ``problems`` lists every reason, errors first."""

    def __init__(self, path: str | os.PathLike | None, problems: list[Problem]) -> None:
        self.path = os.fspath(path) if path is not None else None
        self.problems = sorted(problems, key=lambda p: not p.is_error)
        super().__init__(self._sentence())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def _sentence(self) -> str:
        errors = self.errors or self.problems
        label = _file_label(self.path)
        if not errors:
            return f"Cannot open {label}."
        first = str(errors[0]).rstrip(".")
        first = first[:1].lower() + first[1:]
        more = len(errors) - 1
        if more:
            return f"Cannot open {label}: {first} (and {more} more problem{'s' * (more > 1)})."
        return f"Cannot open {label}: {first}."


class ProjectSaveError(Exception):
    """A save that did not happen; the file on disk is still the one saved before."""

    def __init__(self, path: str | os.PathLike, reason: str, hint: str) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        self.hint = hint
        super().__init__(f"Could not save {_file_label(path)}: {reason}; {hint}.")
