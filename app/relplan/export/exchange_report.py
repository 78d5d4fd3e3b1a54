"""What an import or export kept, approximated or dropped, for the planner to read.

Other tools model plans differently (summary tasks, lags in minutes, resource calendars,
RACI roles), so every exchange loses or bends something. The report says so in plain
sentences instead of leaving the planner to find out later. The CLI prints it; the app
shows it after an import or export.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


class ExchangeError(ValueError):
    """A file that cannot be imported or written; the message is one sentence for the user."""


@dataclass(slots=True)
class ExchangeReport:
    """Lines of what was kept as is, approximated, or dropped, under a one-line title."""

    title: str
    kept: list[str] = field(default_factory=list)
    approximated: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def keep(self, line: str) -> None:
        self.kept.append(line)

    def approximate(self, line: str) -> None:
        self.approximated.append(line)

    def drop(self, line: str) -> None:
        self.dropped.append(line)

    def approximate_all(self, headline: str, examples: Sequence[str]) -> None:
        """One line for many approximations of one kind: the headline, a count, examples."""
        if examples:
            self.approximated.append(_grouped(headline, examples))

    def drop_all(self, headline: str, examples: Sequence[str]) -> None:
        """One line for many dropped things of one kind: the headline, a count, examples."""
        if examples:
            self.dropped.append(_grouped(headline, examples))

    @property
    def lossless(self) -> bool:
        """True when nothing was approximated or dropped."""
        return not self.approximated and not self.dropped

    def as_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "kept": list(self.kept),
            "approximated": list(self.approximated),
            "dropped": list(self.dropped),
        }

    def __str__(self) -> str:
        lines = [self.title]
        for heading, entries in (
            ("Kept", self.kept),
            ("Approximated", self.approximated),
            ("Dropped", self.dropped),
        ):
            if entries:
                lines.append(f"  {heading}:")
                lines.extend(f"    - {entry}" for entry in entries)
        if self.lossless:
            lines.append("  Nothing was approximated or dropped.")
        return "\n".join(lines) + "\n"


def _grouped(headline: str, examples: Sequence[str], limit: int = 3) -> str:
    shown = "; ".join(examples[:limit])
    more = f"; and {len(examples) - limit} more" if len(examples) > limit else ""
    return f"{headline} ({len(examples)}): {shown}{more}"


def article(word: str) -> str:
    """The article before ``word`` as it is spoken: an MS Project file, a CSV file."""
    return "an" if word[:1] in "AEIOU" or word.startswith("MS") else "a"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``3 tasks``, ``1 task``: a count with its noun."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


# Input files bigger than this are refused before parsing: MS Project files of a few
# thousand tasks are a few megabytes, so this is far beyond any real plan.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_input(path: str | Path, kind: str) -> bytes:
    """The bytes of an input file, or an ExchangeError that says why it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ExchangeError(
                f"{path} is {size // (1024 * 1024)} MB, more than {article(kind)} {kind} file can "
                f"sensibly be ({MAX_INPUT_BYTES // (1024 * 1024)} MB); check that it is the "
                "right file."
            )
        return path.read_bytes()
    except IsADirectoryError:
        raise ExchangeError(f"{path} is a folder; give {article(kind)} {kind} file.") from None
    except FileNotFoundError:
        raise ExchangeError(f"{path} does not exist; check the path.") from None
    except PermissionError:
        raise ExchangeError(f"{path} cannot be read: permission denied.") from None
    except OSError as exc:
        raise ExchangeError(f"{path} cannot be read: {exc.strerror or exc}.") from None


def write_output(path: str | Path, payload: bytes) -> None:
    """Write an export so that a failure leaves any previous file at ``path`` whole."""
    from relplan.storage.atomic import atomic_write

    path = Path(path)
    try:
        atomic_write(path, payload, keep_backup=False)
    except IsADirectoryError:
        raise ExchangeError(f"{path} is a folder; give a file name to write.") from None
    except FileNotFoundError:
        raise ExchangeError(f"The folder of {path} does not exist; create it first.") from None
    except PermissionError:
        raise ExchangeError(f"{path} cannot be written: permission denied.") from None
    except OSError as exc:
        raise ExchangeError(f"{path} cannot be written: {exc.strerror or exc}.") from None
