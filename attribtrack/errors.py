"""One error hierarchy for the whole library.

The library raises these and never prints; the CLI turns each into one line on stderr and the
exit code below, at a single boundary (``attribtrack.cli.main``).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit statuses (README, DESIGN.md)."""

    OK = 0
    FINDINGS = 1  # check: findings at or above --fail-on; diff --exit-code: differences
    USAGE = 2  # bad option, bad configuration
    INPUT = 3  # unreadable or invalid input, unknown document or revision
    STORE = 4  # store locked, corrupt, or written by a newer attribtrack
    INTERNAL = 70  # a bug: one line asking for a report (EX_SOFTWARE)
    INTERRUPTED = 130


class AttribtrackError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(AttribtrackError):
    """A bad option, argument or configuration value."""

    exit_code = ExitCode.USAGE


class ConfigError(UsageError):
    """An invalid configuration file (unknown key, wrong type)."""


class InputError(AttribtrackError):
    """An input that cannot be read or understood."""

    exit_code = ExitCode.INPUT


class NotFoundError(InputError):
    """An unknown document or revision, or a missing file."""


class StoreError(AttribtrackError):
    """The store is locked, corrupt, or written by a newer version."""

    exit_code = ExitCode.STORE
