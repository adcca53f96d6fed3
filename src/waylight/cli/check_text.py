"""`waylight check-text`: look for suicide-risk, self-harm and depression signals in a text.

    waylight check-text "some words"              # a panel for a person to read
    waylight check-text "some words" --json       # one JSON object (SPEC section 6)
    waylight check-text - < note.txt              # the text from stdin
    waylight check-text --jsonl < posts.jsonl     # {"id","text"} lines in, one result line each
    waylight check-text --jsonl --no-resources    # the same, without the crisis list per line
    waylight check-text --jsonl --second-reader   # batches read by the second reader too (slower)
    waylight check-text "unas palabras" --lang es # help-now lines and notes in Spanish

The detector reads English. A text clearly in another language is not read: the result says
"language not supported" and shows help now, never a silent "none".

The output shapes, the error objects of --jsonl and the exit codes are in docs/cli.md
("check-text"). Results are signals for a human reader, never a diagnosis.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

import click

from waylight.cli.errors import BadInput, emit_json, input_errors
from waylight.cli.i18n import _, current, lang_option

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from waylight.core.textrisk import Detector, TextResult

BATCH_SIZE = 256
# Distinct from 1 (stopped by an unexpected error) and 2 (bad usage): the stream was answered
# to its end, and some lines got an error object instead of a result.
EXIT_LINE_ERRORS = 3


class TooLong(bytes):
    """Stands for an input line over the size limit, which was skipped without being read."""


@click.command(name="check-text")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see docs/cli.md).")
@click.option(
    "--jsonl",
    is_flag=True,
    help='Read {"id","text"} lines on stdin; write one JSON result per line, in order.',
)
@click.option("--country", "-c", metavar="CC", help="Country for help-now resources (ISO code).")
@click.option(
    "--no-resources",
    is_flag=True,
    help="With --jsonl: leave the crisis list out of each line (show help-now once yourself).",
)
@click.option(
    "--second-reader",
    is_flag=True,
    help="With --jsonl: the sentence encoder also reads the texts the fast reader is unsure "
    "about (much slower; single texts always get it).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=BATCH_SIZE,
    show_default=True,
    help="With --jsonl: texts scored together (bigger is faster, smaller answers sooner).",
)
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    default=0,
    show_default="0: one per CPU core, at most 4",
    help="With --jsonl: processes answering batches in parallel (1: no extra process).",
)
@lang_option
def check_text(
    text: str | None,
    as_json: bool,
    jsonl: bool,
    country: str | None,
    no_resources: bool,
    second_reader: bool,
    batch_size: int,
    workers: int,
) -> None:
    """Look for suicide-risk, self-harm and depression signals in TEXT ('-' reads stdin).

    The result is a signal for a person to look at, not a diagnosis. If you are in danger now,
    call your local emergency number or run `waylight help-now`.
    """
    from waylight.core.textrisk import Detector
    from waylight.core.textrisk.result import check_country

    with input_errors():
        check_country(country)
    if (no_resources or second_reader) and not jsonl:
        # One result for one person always shows where help is (a 'none' never hides it), and
        # one text is always read by every layer.
        raise BadInput("--no-resources and --second-reader are for --jsonl batches only.")
    if jsonl:
        if text is not None:
            raise BadInput("Give either a TEXT or --jsonl (lines on stdin), not both.")
        # Loaded before any worker is forked, so they share it.
        detector = _load_frozen(second_reader)
        failed = run_jsonl(
            detector,
            sys.stdin.buffer,
            sys.stdout,
            country,
            batch_size,
            _workers(workers),
            resources=not no_resources,
            second_reader=second_reader,
        )
        if failed:
            sys.exit(EXIT_LINE_ERRORS)
        return
    if text is None or text == "-":
        if text is None and sys.stdin.isatty():
            raise BadInput("Give a text to check, '-' to read it from stdin, or --jsonl.")
        text = _read_stdin_text()
    with input_errors():
        result = Detector.default().analyse(text, country=country)
    if as_json:
        emit_json(result.to_dict())
    else:
        _print_result(text, result)


# ------------------------------------------------------------------------------ --jsonl


def run_jsonl(
    detector: Detector,
    stream: IO[bytes],
    out: IO[str],
    country: str | None,
    batch_size: int,
    workers: int = 1,
    *,
    resources: bool = True,
    second_reader: bool = False,
) -> int:
    """Answer every input line with one output line, in order; return how many lines failed.

    With `workers` > 1, batches are read here and answered by worker processes, and written
    back in input order. Whenever the input pauses, every answer so far is written first.
    """
    if workers <= 1:
        failed = 0
        line_no = 0
        for batch, _paused in _batches(stream, batch_size):
            lines, bad = answer_batch(detector, batch, line_no + 1, country, resources=resources)
            line_no += len(batch)
            failed += bad
            out.write(lines)
            out.flush()
        return failed
    return _run_parallel(stream, out, country, batch_size, workers, resources, second_reader)


def batch_detector(second_reader: bool) -> Detector:
    """The detector for batches: the fast reader alone, or with the sentence encoder on the
    texts it is unsure about when asked (the encoder reads tens of posts a second, far below
    the batch rate; docs/text-detector.md says what leaving it out costs)."""
    from waylight.core.textrisk import Detector

    detector = (
        Detector.default().variant(second_reader="unsure") if second_reader else Detector.batch()
    )
    detector.encoder  # noqa: B018 - load it now, before workers are forked
    return detector


def _load_frozen(second_reader: bool) -> Detector:
    """`batch_detector`, loaded with the cyclic garbage collector paused, its objects then
    frozen (moved out of the collector's reach; they live as long as the process).

    Loading creates some 300,000 long-lived objects and no garbage worth collecting: left on,
    the collector walks them again and again while they are built (about a quarter of the
    loading time), then in every full collection after, in each worker too, where it also
    writes to every page it walks and so copies the memory the fork shared.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        detector = batch_detector(second_reader)
    finally:
        if was_on:
            gc.enable()
    gc.freeze()
    return detector


def _workers(asked: int) -> int:
    # One process per core by default: with a core free this nearly doubles throughput; on a
    # machine already saturated by other jobs --workers 1 can be faster (docs/benchmarks.md).
    if asked:
        return asked
    try:
        sys.stdin.buffer.fileno()
    except (AttributeError, OSError, ValueError):
        return 1  # not a real stream (for example a test runner): no processes
    return max(1, min(os.cpu_count() or 1, 4))


def answer_batch(
    detector: Detector,
    batch: list[bytes],
    first_line: int,
    country: str | None,
    *,
    resources: bool = True,
) -> tuple[str, int]:
    """The output lines (joined, newline-ended) for one batch, and how many lines failed."""
    parsed = [_parse_line(detector, raw, first_line + i) for i, raw in enumerate(batch)]
    texts = [text for _ident, text, error in parsed if error is None and text is not None]
    results = iter(detector.analyse_many(texts, country=country)) if texts else iter(())
    lines: list[str] = []
    failed = 0
    for index, (ident, _text, error) in enumerate(parsed, start=first_line):
        if error is not None:
            failed += 1
            lines.append(_error_line(ident, index, error))
        else:
            lines.append(next(results).to_json(id=ident, resources=resources))
    return "\n".join(lines) + "\n", failed


def _worker_answer(
    batch: list[bytes], first_line: int, country: str | None, resources: bool, second: bool
) -> tuple[str, int]:
    return answer_batch(batch_detector(second), batch, first_line, country, resources=resources)


def _worker_start(second: bool) -> None:
    _load_frozen(second)  # already loaded when forked; loads once per worker otherwise


def _run_parallel(
    stream: IO[bytes],
    out: IO[str],
    country: str | None,
    batch_size: int,
    workers: int,
    resources: bool,
    second_reader: bool,
) -> int:
    import multiprocessing
    from collections import deque
    from multiprocessing.pool import AsyncResult

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    failed = 0
    line_no = 0
    pending: deque[AsyncResult[tuple[str, int]]] = deque()

    def write_first() -> None:
        nonlocal failed
        lines, bad = pending.popleft().get()
        failed += bad
        out.write(lines)
        out.flush()

    batches = _batches(stream, batch_size)
    if not second_reader:
        # The first batch is answered here, before the workers are forked. What a detector
        # loads or compiles on first use (the rule scanners' patterns for the words met, the
        # crisis list, the version stamps) is then done once and shared by the workers,
        # instead of once in each (about half a second of CPU per worker). The sentence
        # encoder of --second-reader is never run before a fork: its thread pools may not
        # survive one.
        first = next(batches, None)
        if first is None:
            return 0
        lines, failed = answer_batch(
            batch_detector(second_reader), first[0], 1, country, resources=resources
        )
        line_no = len(first[0])
        out.write(lines)
        out.flush()
        gc.freeze()  # what the first batch compiled too (see _load_frozen)
    with context.Pool(workers, initializer=_worker_start, initargs=(second_reader,)) as pool:
        for batch, input_paused in batches:
            pending.append(
                pool.apply_async(
                    _worker_answer, (batch, line_no + 1, country, resources, second_reader)
                )
            )
            line_no += len(batch)
            while pending and (pending[0].ready() or len(pending) > 2 * workers):
                write_first()
            while input_paused and pending:
                write_first()  # nothing more to read for now: answer what we have
        while pending:
            write_first()
    return failed


def _read_stdin_text() -> str:
    """The text on stdin, refused (exit 2) when it is over the limit instead of read whole."""
    from waylight.core.limits import STDIN_MAX_BYTES

    data = sys.stdin.buffer.read(STDIN_MAX_BYTES + 1)
    if len(data) > STDIN_MAX_BYTES:
        raise BadInput(
            f"The text on stdin is longer than {STDIN_MAX_BYTES // (1 << 20)} MiB. Split it, "
            "or send it as --jsonl lines."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput("The text on stdin is not UTF-8.") from None


def _parse_line(detector: Detector, raw: bytes, line_no: int) -> tuple[Any, str | None, str | None]:
    from waylight.core.errors import InputError
    from waylight.core.limits import JSON_MAX_DEPTH, LINE_MAX_BYTES, json_depth

    if isinstance(raw, TooLong):
        limit = f"{LINE_MAX_BYTES // (1 << 20)} MiB"
        return None, None, f"line {line_no}: longer than {limit}; skipped without reading it"
    too_deep = f"line {line_no}: JSON nested deeper than {JSON_MAX_DEPTH} levels"
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        reason = "empty line" if not raw.strip() else f"not valid JSON ({exc})"
        return None, None, f"line {line_no}: {reason}"
    except RecursionError:
        return None, None, too_deep  # so deep that the parser itself gave up
    if json_depth(obj) > JSON_MAX_DEPTH:
        return None, None, too_deep
    if not isinstance(obj, dict):
        return None, None, f'line {line_no}: expected an object like {{"id": ..., "text": ...}}'
    ident = obj.get("id")
    if "text" not in obj:
        return ident, None, f'line {line_no}: missing "text"'
    try:
        detector.prepare(obj["text"])
    except InputError as exc:
        return ident, None, f"line {line_no}: {exc}"
    return ident, obj["text"], None


def _error_line(ident: Any, line_no: int, error: str) -> str:
    return json.dumps({"id": ident, "line": line_no, "error": error}, ensure_ascii=False)


def _batches(stream: IO[bytes], size: int) -> Iterator[tuple[list[bytes], bool]]:
    """Lines of `stream` in batches of `size`, and sooner when no more input is waiting.

    Each batch comes with whether the input paused after it (so answers can go out now). A
    pipe that delivers lines one by one gets each answer at once; a file gets full batches.
    """
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        fd = -1
    if fd < 0:
        for batch in _batches_simple(stream, size):
            yield batch, False
        return
    import select

    from waylight.core.limits import LINE_MAX_BYTES

    pending: list[bytes] = []
    rest = b""
    skipping = False  # inside a line over the limit: drop bytes until its end
    while True:
        if pending and not select.select([fd], [], [], 0)[0]:
            yield pending, True
            pending = []
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        if skipping and lines:
            lines[0] = TooLong()
            skipping = False
        elif skipping:
            rest = b""
        pending.extend(TooLong() if len(line) > LINE_MAX_BYTES else line for line in lines)
        if len(rest) > LINE_MAX_BYTES:
            rest, skipping = b"", True
        while len(pending) >= size:
            yield pending[:size], False
            pending = pending[size:]
    if skipping:
        pending.append(TooLong())
    elif rest:
        pending.append(rest)
    if pending:
        yield pending, True


def _lines_capped(stream: IO[bytes]) -> Iterator[bytes]:
    """The stream's lines, with any line over the limit replaced by TooLong, never read whole."""
    from waylight.core.limits import LINE_MAX_BYTES

    while True:
        line = stream.readline(LINE_MAX_BYTES + 1)
        if not line:
            return
        if len(line) > LINE_MAX_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 16)
            yield TooLong()
            continue
        yield line


def _batches_simple(stream: IO[bytes], size: int) -> Iterator[list[bytes]]:
    batch: list[bytes] = []
    for line in _lines_capped(stream):
        batch.append(line if isinstance(line, TooLong) else line.rstrip(b"\n"))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ------------------------------------------------------------------------------ human output

_CONCERN_STYLE = {
    "none": "green",
    "watch": "yellow",
    "concern": "dark_orange",
    "urgent": "bold red",
}
SNIPPET_CHARS = 60
MAX_SHOWN_CHARS = 600


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def _print_result(text: str, result: TextResult) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    if not result.read:
        _print_unsupported(result)
        return
    style = _CONCERN_STYLE[result.concern]
    rows: list[Any] = []
    head = Text()
    head.append("Concern: ", style="bold")
    head.append(result.concern.upper(), style=style)
    rows.append(head)
    rows.append(
        Text(
            f"Suicide risk: {result.suicide_risk.level} (score {result.suicide_risk.score:.2f})   "
            f"Self-harm: {'yes' if result.self_harm.present else 'no'} "
            f"(score {result.self_harm.score:.2f})   "
            f"Depression: {result.depression.level} (score {result.depression.score:.2f})"
        )
    )
    if result.depression.symptoms:
        items = ", ".join(f"{s.item} {s.name}" for s in result.depression.symptoms)
        rows.append(Text(f"PHQ-9 topics with evidence: {items}", style="dim"))
    rows.append(Text())
    rows.append(_highlighted(text, result))
    rows.append(Text())
    rows.append(Text(result.explanation))
    console = _console()
    console.print(Panel(Group(*rows), title="Text check", border_style=style))
    _print_help_line(console, result)
    console.print(Text(result.to_dict()["about"], style="dim"))


def _print_unsupported(result: TextResult) -> None:
    """A text in a language the detector does not read: said plainly, with help now."""
    from rich.panel import Panel
    from rich.text import Text

    language = result.language
    if language.code == "es":
        said = _("This text seems to be in Spanish.")
    else:
        said = _("This text does not seem to be in English.")
    body = Text(said + " ", style="bold")
    body.append(
        _(
            "Waylight's text check reads English only, so it did not read this text. "
            "There is no result, and it does not mean everything is fine."
        ),
        style="",
    )
    console = _console()
    title = _("Text check: language not supported")
    console.print(Panel(body, title=title, border_style="yellow"))
    _print_help_line(console, result)


def _highlighted(text: str, result: TextResult) -> Text:
    """The text (or snippets of a long one) with signal words marked."""
    from rich.text import Text

    spans = [(s.start, s.end, "bold red" if s.counted else "underline") for s in result.signals]
    if len(text) <= MAX_SHOWN_CHARS:
        shown = Text(text)
        for start, end, style in spans:
            shown.stylize(style, start, end)
        return shown
    shown = Text()
    for start, end, style in spans[:5]:
        lo, hi = max(0, start - SNIPPET_CHARS), min(len(text), end + SNIPPET_CHARS)
        shown.append("…" + text[lo:start].replace("\n", " "))
        shown.append(text[start:end], style=style)
        shown.append(text[end:hi].replace("\n", " ") + "…\n")
    if not spans:
        shown.append(text[:MAX_SHOWN_CHARS].replace("\n", " ") + "…")
    return shown


def _print_help_line(console: Console, result: TextResult) -> None:
    """Help now in full when the text calls for it; otherwise one line, never nothing."""
    from waylight.cli.crisis import render_help_panel, render_pointer
    from waylight.core.assess import load_wording
    from waylight.core.resources import help_for

    help_here = help_for(result.country, lang=current())
    if result.help_now:
        intro = load_wording(current()).help_now_intro
        render_help_panel(
            console, help_here, heading=_("Help now"), intro=intro, border="red", limit=3
        )
        return
    # A 'none' result never hides the way to help.
    render_pointer(console, help_here)
