"""`nq57parse batch INPUT... -o OUT`: convert whole archives in parallel (SPEC.md, "Batch").

In: files and folders, an output folder (``--format json|yaml``) or a ``.jsonl`` file / ``-``
(``--format jsonl``). Out: the files written, a progress bar and a summary table on stderr;
exit 0 when every input converted, 1 when any failed (the others are still written), 2 for a
usage error. The work itself is in ``nq57parse.batch``.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import typer

from ..read import DEFAULT_MAX_BYTES
from ._common import fail, format_option

if TYPE_CHECKING:
    from rich.console import Console


def batch_command(
    inputs: list[str] = typer.Argument(
        ...,
        metavar="INPUT",
        help="Files and folders (walked for .txt .md .html .htm .docx .doc .pdf; images with --ocr).",
    ),
    out: str | None = typer.Option(
        None, "-o", "--output", help="Output folder (json, yaml) or .jsonl file / - (jsonl)."
    ),
    fmt: str | None = format_option(
        ("json", "yaml", "jsonl", "akn"), "Output format (default: jsonl when -o ends in .jsonl, else json)."
    ),
    jobs: int | None = typer.Option(None, "--jobs", "-j", help="Worker processes (default: all cores)."),
    resume: bool = typer.Option(False, "--resume", help="Skip inputs whose output is newer than the input."),
    engine: str = typer.Option(
        "local", "--engine", metavar="local|dask", help="local (process pool) or dask."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (default: a local cluster)."
    ),
    registry: list[str] = typer.Option([], "--registry", help="Extra registry of known documents (YAML)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse larger inputs."),
    timeout: float = typer.Option(
        300.0, "--timeout", help="Give up on one file after this many seconds (0: no limit)."
    ),
    follow_links: bool = typer.Option(
        False, "--follow-links", help="Follow symbolic links out of the input folders (default: record them)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    ocr: bool = typer.Option(False, "--ocr", help="Walk images (.png .jpg .tif) too and read them by OCR."),
) -> None:
    """Convert many files: one output per input, or one JSONL stream; resumable."""
    from ..batch import (
        BatchConfig,
        BatchEngineError,
        BatchUsageError,
        count_inputs,
        display_name,
        run_batch,
    )

    if not out:
        fail("-o is required: a folder (json, yaml) or a .jsonl file (jsonl)")
    if fmt is None:
        fmt = "jsonl" if out == "-" or out.endswith(".jsonl") else "json"
    if engine == "dask" and jobs is None:
        jobs = 2
    config = BatchConfig(
        inputs=tuple(inputs),
        output=out,
        fmt=fmt,
        jobs=jobs if jobs is not None else _cores(),
        resume=resume,
        engine=engine,  # type: ignore[arg-type]
        scheduler=scheduler,
        registry=tuple(registry),
        max_bytes=max_bytes,
        timeout=timeout,
        follow_links=follow_links,
        ocr=ocr,
    )
    if config.jobs == 1 and engine == "local":  # converted in this process: it bounds its own memory
        from ..limits import limit_this_command

        limit_this_command(max_bytes)
    show_progress = not quiet and sys.stderr.isatty()
    try:
        if show_progress:
            exclude = config.output if fmt != "jsonl" else None
            total = count_inputs(config.inputs, exclude, config.follow_links, config.ocr)
            summary = _run_with_progress(config, total, run_batch)
        else:
            summary = run_batch(config)
    except (BatchUsageError, BatchEngineError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted; run again with --resume to continue", code=130)
    except BrokenPipeError:  # `-o - | head`: the reader went away
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        fail("standard output was closed before the end of the stream", code=1)
    except OSError as exc:
        where = display_name(str(exc.filename or out))
        fail(
            f"{where}: cannot write output ({exc.strerror or exc}); stopped, run again with --resume to finish"
        )
    if not quiet:
        _print_summary(summary, config)
    raise typer.Exit(1 if summary.failed else 0)


def _cores() -> int:
    """The cores this process may use (the affinity mask where there is one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _run_with_progress(config: Any, total: tuple[int, int], run_batch: Any) -> Any:
    """Run with a rich progress bar on stderr: files done / total, MB/s, ETA."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class MegabytesPerSecond(ProgressColumn):
        def render(self, task: Any) -> Text:
            elapsed = task.elapsed or 0.0
            rate = task.fields.get("bytes", 0) / elapsed / 1e6 if elapsed > 0 else 0.0
            return Text(f"{rate:6.2f} MB/s")

    console = Console(stderr=True)
    files, _ = total
    with Progress(
        TextColumn("[bold]batch[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        MegabytesPerSecond(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task("batch", total=files, bytes=0)
        done_bytes = 0

        def on_result(result: Any) -> None:
            nonlocal done_bytes
            done_bytes += result.bytes
            progress.update(task, advance=1, bytes=done_bytes)

        return run_batch(config, on_result=on_result)


def _print_summary(summary: Any, config: Any) -> None:
    """The closing table on stderr."""
    from rich.console import Console
    from rich.table import Table

    seconds = max(summary.seconds, 1e-9)
    table = Table(title="nq57parse batch", title_justify="left")
    for name in ("files", "ok", "skipped", "failed", "citations", "MB", "time", "files/s", "MB/s"):
        table.add_column(name, justify="right")
    table.add_row(
        str(summary.files),
        str(summary.ok),
        str(summary.skipped),
        str(summary.failed),
        str(summary.citations),
        f"{summary.bytes / 1e6:.2f}",
        f"{summary.seconds:.2f} s",
        f"{summary.files / seconds:.1f}",
        f"{summary.bytes / 1e6 / seconds:.2f}",
    )
    console = Console(stderr=True)
    console.print(table)
    _print_passed_over(console, summary.passed_over)
    if summary.failed:
        where = (
            os.path.join(config.output, "_errors.jsonl")
            if config.fmt != "jsonl"
            else f"{config.output} (lines with ok: false)"
        )
        console.print(f"{summary.failed} file(s) failed; see {where}", highlight=False)


PASSED_OVER_SHOWN = 20


def _print_passed_over(console: Console, passed_over: list[tuple[str, str]]) -> None:
    """How many files the folder walk passed over, and the first of them with the reason."""
    if not passed_over:
        return
    console.print(f"{len(passed_over)} file(s) passed over (not converted):", highlight=False)
    for path, reason in passed_over[:PASSED_OVER_SHOWN]:
        console.print(f"  {path}: {reason}", highlight=False, soft_wrap=True)
    if len(passed_over) > PASSED_OVER_SHOWN:
        console.print(f"  … and {len(passed_over) - PASSED_OVER_SHOWN} more", highlight=False)
