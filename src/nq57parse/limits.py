"""How much memory a command lets itself use, and the one line it prints when an input needs more.

In: the largest input a command accepts (``--max-bytes``). Out: the address-space limit its process
sets (``memory_limit``: 1 GiB for the interpreter and libraries, plus 40 bytes per byte of the
largest input; a real document peaks at 8–25 bytes a byte, see README "Speed"), the call that sets
it (``cap_address_space``) and the message for a ``MemoryError`` (``out_of_memory``).

Why a limit: a few kinds of hostile text (a hundred thousand lines of ``1.``, a page of nothing but
citations) make a structure, and an output, hundreds of times the input's size (issue #17). Without
a limit such an input takes the machine's memory until the system kills the process; with one the
command stops with one line and exit 2, as for any other input it cannot read.

Only a process that is ours sets a limit: the console script (``cli.main``: ``extract``, ``table``, and
``batch`` converting in its own process with one job) and batch workers.
Code that calls the library, or drives the typer app in its own process (tests), keeps its limits.
"""

from __future__ import annotations

GIB = 1 << 30
BYTES_PER_INPUT_BYTE = 40

# Set by the console script (``cli.main``): this process is ours, a command may limit it.
own_process = False
# The limit in force after ``limit_this_command``, and the one it asked for (for the message).
applied: int | None = None
ours: int | None = None


def memory_limit(max_bytes: int) -> int:
    """The address space a process reading inputs of up to ``max_bytes`` may use."""
    return GIB + BYTES_PER_INPUT_BYTE * max(0, max_bytes)


def cap_address_space(limit: int) -> int | None:
    """Lower this process's soft address-space limit to ``limit`` (never raise it, never above the
    hard limit); the soft limit now in force, or None where the platform has none (not POSIX)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        if soft == resource.RLIM_INFINITY or soft > wanted:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        return resource.getrlimit(resource.RLIMIT_AS)[0]
    except (ValueError, OSError):
        return None


def limit_this_command(max_bytes: int) -> None:
    """In the console script's process only: cap it at ``memory_limit(max_bytes)`` (a command that
    reads one document calls this before reading it)."""
    global applied, ours
    if own_process:
        ours = memory_limit(max_bytes)
        applied = cap_address_space(ours)


def out_of_memory_in(path: str) -> str:
    """``out_of_memory`` for the limit this command set, naming the input (printably)."""
    from .errors import printable

    name = "<stdin>" if path in ("", "-") else printable(path)
    return f"{name}: {out_of_memory(applied, ours)}"


def out_of_memory(limit: int | None, own: int | None = None) -> str:
    """The one line for an input that needed more memory than the process may use (``limit``: the
    soft limit in force; ``own``: the one the command asked for, when it did)."""
    if limit is None or limit < 0:
        return "out of memory: this input needs more memory than this process may use"
    if own is not None and limit == own:
        return (
            f"out of memory: this input needs more than the {limit / GIB:.1f} GiB this command allows "
            f"itself (1 GiB + {BYTES_PER_INPUT_BYTE} × --max-bytes); a larger --max-bytes allows more"
        )
    return f"out of memory: this input needs more than the {limit / GIB:.1f} GiB this process may use"
