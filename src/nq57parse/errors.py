"""Errors that reach the user as one line on stderr and exit code 2 (unreadable or bad input)."""

from __future__ import annotations


class InputError(Exception):
    """Input that cannot be turned into a document: missing, a directory, binary, empty, too large.

    ``str(err)`` is the one-line message, naming the file and the reason.
    """

    def __init__(self, path: str | None, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{printable(path) if path else '<stdin>'}: {reason}")

    def __reduce__(self) -> tuple:
        """Pickle with both arguments (batch workers send errors back to the parent)."""
        return (type(self), (self.path, self.reason))


def printable(path: str) -> str:
    """A path as text that is safe to print or write anywhere: bytes that are not UTF-8 (kept by
    Python as lone surrogates) become ``\\xNN``, control characters (an ESC that would reach the
    terminal) ``\\x1b``; an ordinary path is returned as it is."""
    if path.isprintable():
        return path
    import os

    try:
        text = os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no file name bytes give
        text = path.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(ch if ch.isprintable() or ord(ch) > 255 else f"\\x{ord(ch):02x}" for ch in text)
