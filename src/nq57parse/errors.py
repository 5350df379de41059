"""Errors that reach the user as one line on stderr and exit code 2 (unreadable or bad input)."""

from __future__ import annotations


class InputError(Exception):
    """Input that cannot be turned into a document: missing, a directory, binary, empty, too large.

    ``str(err)`` is the one-line message, naming the file and the reason.
    """

    def __init__(self, path: str | None, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path or '<stdin>'}: {reason}")

    def __reduce__(self) -> tuple:
        """Pickle with both arguments (batch workers send errors back to the parent)."""
        return (type(self), (self.path, self.reason))
