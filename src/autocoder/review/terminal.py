"""Review in the terminal: one segment at a time, one key per action.

Keys: ``a`` or Enter accepts the suggestion, ``c`` asks for codes and levels (``1:3 4:2``),
``l`` marks the no-evidence code (``LAIN``), ``m`` adds a memo to the coming decision,
``s`` skips, ``u`` undoes the last decision, ``q`` quits. Each decision is written at once
in its own transaction, so stopping at any moment loses only the segment on screen.

Keys come from a :class:`Keys` object: :class:`RawKeys` reads single key presses from a
terminal, :class:`LineKeys` reads one line per key from any stream (scripts and tests).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Protocol

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from autocoder.codebook import Codebook
from autocoder.errors import DataError
from autocoder.review.decisions import make_coding, parse_code_entry, record_decision, undo_last
from autocoder.review.queue import Order, ReviewItem, claim_next, progress, release
from autocoder.store import Coding, ProjectStore

ENTER = "\n"
QUIT = "q"


class Keys(Protocol):
    """Where the review reads the reviewer's input."""

    def key(self) -> str:
        """One key press, lower case; :data:`ENTER` for Enter, ``q`` at end of input."""
        ...

    def line(self, prompt: str) -> str | None:
        """A line of text (None at end of input)."""
        ...


class LineKeys:
    """One key per line of a text stream: ``a``, an empty line for Enter, ``q``..."""

    def __init__(self, stream: IO[str] | None = None, console: Console | None = None) -> None:
        self.stream = stream
        self.console = console

    def _readline(self) -> str | None:
        line = (self.stream or sys.stdin).readline()
        return None if line == "" else line.rstrip("\r\n")

    def key(self) -> str:
        line = self._readline()
        if line is None:
            return QUIT
        line = line.strip()
        return line[:1].lower() if line else ENTER

    def line(self, prompt: str) -> str | None:
        if self.console is not None:
            self.console.print(prompt, end="", markup=False, highlight=False)
        return self._readline()


class RawKeys:
    """Single key presses from the terminal on standard input (POSIX)."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def key(self) -> str:
        import termios
        import tty

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            ch = sys.stdin.read(1)
        except KeyboardInterrupt:
            return QUIT
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        if ch in ("", "\x03", "\x04"):
            return QUIT
        return ENTER if ch in ("\r", "\n") else ch.lower()

    def line(self, prompt: str) -> str | None:
        try:
            return self.console.input(escape(prompt))
        except (EOFError, KeyboardInterrupt):
            return None


@dataclass
class SessionResult:
    """What a review session did."""

    decided: int = 0
    skipped: int = 0
    undone: int = 0


HELP = ("[bold]a[/]/Enter accept  [bold]c[/] codes  [bold]l[/] {none}  [bold]m[/] memo  "
        "[bold]s[/] skip  [bold]u[/] undo  [bold]q[/] quit")


def format_codes(codes: tuple[str, ...] | list[str], levels: dict[str, int],
                 codebook: Codebook) -> str:
    """``ASESMEN 3 (menguasai), PROGRAM 2 (sebagian)``."""
    parts = []
    for code in codes:
        if code in levels:
            label = (codebook.level_label(levels[code])
                     if levels[code] in codebook.level_values else "?")
            parts.append(f"{code} {levels[code]} ({label})")
        else:
            parts.append(code)
    return ", ".join(parts) or "-"


def format_eta(seconds: float | None) -> str:
    """``~3 min left``; empty before the pace is known.

    >>> format_eta(None), format_eta(40), format_eta(600), format_eta(5400)
    ('', '~1 min left', '~10 min left', '~1 h 30 min left')
    """
    if seconds is None:
        return ""
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        return f"~{minutes} min left"
    return f"~{minutes // 60} h {minutes % 60} min left"


def render_item(
    console: Console, item: ReviewItem, codebook: Codebook, *, done: int, remaining: int,
    eta: str = "", memo: str = "",
) -> None:
    """Print one segment the way the reviewer sees it."""
    seg = item.segment
    flags = []
    if item.assigned:
        flags.append("double coding" + (", blind" if item.blind else ""))
    head = (f"[bold]{escape(seg['segment_id'])}[/]  {escape(seg['subject'])}  ·  "
            f"{escape(seg['transcript'])}, lines {seg['line_start']}-{seg['line_end']}"
            + (f"  [magenta]{' '.join(flags)}[/]" if flags else ""))
    lines = [head, ""]
    if seg["question"]:
        lines += [f"[dim]Q:[/] [italic]{escape(seg['question'])}[/]", ""]
    lines += [f"[bold]A ({escape(seg['speaker'])}):[/] {escape(seg['text'])}", ""]
    sug = item.suggestion
    if item.blind:
        lines.append("[dim]Suggestion hidden (blind double coding).[/]")
    elif sug is None:
        lines.append("[dim]No suggestion for this segment.[/]")
    else:
        lines.append(
            f"[bold]Suggested:[/] {escape(format_codes(sug['codes'], sug['levels'], codebook))}"
            f"  [yellow]confidence {sug['confidence']:.2f}[/]"
            + (f" / level {sug['level_confidence']:.2f}"
               if sug.get("level_confidence") is not None else "")
        )
    for other in item.others:
        lines.append(f"[dim]{escape(other['coder'])} coded:[/] "
                     f"{escape(format_codes(other['codes'], other['levels'], codebook))}")
    if memo:
        lines.append(f"[cyan]memo:[/] {escape(memo)}")
    status = f"{done} done · {remaining} left" + (f" · {eta}" if eta else "")
    console.print(Panel("\n".join(lines), title=status, title_align="right"))
    legend = "  ".join(f"{i} {c}" for i, c in enumerate(codebook.ids, 1))
    levels = " · ".join(f"{lv.value} {lv.label}" for lv in sorted(codebook.levels,
                                                                    key=lambda lv: lv.value))
    console.print(f"[dim]codes: {escape(legend)}   levels: {escape(levels)}[/]")
    console.print(HELP.format(none=escape(codebook.none_id or "-")))


def review_session(
    store: ProjectStore,
    codebook: Codebook,
    coder: str,
    *,
    keys: Keys,
    console: Console,
    order: Order = "uncertainty",
    include_all: bool = False,
    clock: Callable[[], float] = time.monotonic,
) -> SessionResult:
    """Run the review loop until the queue is empty or the reviewer quits."""
    result = SessionResult()
    skipped: set[int] = set()
    prefer: int | None = None
    started = clock()
    while True:
        item = claim_next(store, coder, order=order, include_all=include_all,
                          exclude=skipped, prefer=prefer)
        prefer = None
        if item is None:
            console.print("[green]Nothing left to review.[/]" if not skipped else
                          f"[green]Nothing left to review[/] ({len(skipped)} skipped this time).")
            return result
        prog = progress(store, coder, order=order, include_all=include_all)
        pace = (clock() - started) / result.decided if result.decided else None
        eta = format_eta(None if pace is None else pace * prog.remaining)
        memo = ""
        render_item(console, item, codebook, done=prog.done, remaining=prog.remaining, eta=eta)
        while True:
            key = keys.key()
            coding: Coding | None = None
            try:
                if key in ("a", ENTER):
                    if item.suggestion is None:
                        console.print("[yellow]No suggestion to accept here: press c or l.[/]")
                        continue
                    coding = make_coding(
                        codebook, segment_uid=item.uid, coder=coder, memo=memo,
                        codes=item.suggestion["codes"], levels=item.suggestion["levels"],
                        source="terminal")
                elif key == "c":
                    entry = keys.line("codes (e.g. 1:3 4:2, empty to cancel)> ")
                    if not entry or not entry.strip():
                        continue
                    codes, levels = parse_code_entry(entry, codebook)
                    coding = make_coding(codebook, segment_uid=item.uid, coder=coder,
                                         codes=codes, levels=levels, memo=memo,
                                         source="terminal")
                elif key == "l":
                    if codebook.none_id is None:
                        console.print("[yellow]This codebook has no no-evidence code.[/]")
                        continue
                    coding = make_coding(codebook, segment_uid=item.uid, coder=coder,
                                         codes=(codebook.none_id,), levels={}, memo=memo,
                                         source="terminal")
                elif key == "m":
                    text = keys.line("memo> ")
                    if text is not None and text.strip():
                        memo = text.strip()
                        console.print(f"[cyan]memo noted:[/] {escape(memo)}")
                    continue
                elif key == "s":
                    release(store, coder, item.uid)
                    skipped.add(item.uid)
                    result.skipped += 1
                    break
                elif key == "u":
                    undone = undo_last(store, coder)
                    if undone is None:
                        console.print("[yellow]Nothing to undo.[/]")
                        continue
                    release(store, coder, item.uid)
                    result.undone += 1
                    prefer = undone.segment_uid
                    skipped.discard(prefer)
                    what = ("earlier decision restored" if undone.restored_id
                            else "segment back in the queue")
                    console.print(f"[cyan]Undone[/] decision {undone.undone_id} ({what}).")
                    break
                elif key == QUIT:
                    release(store, coder, item.uid)
                    console.print(f"Stopped; {result.decided} saved this session.")
                    return result
                else:
                    console.print(HELP.format(none=escape(codebook.none_id or "-")))
                    continue
            except DataError as err:
                console.print(f"[red]{escape(str(err))}[/]")
                continue
            assert coding is not None
            record_decision(store, coding)
            result.decided += 1
            console.print(f"[green]saved[/] {escape(item.segment['segment_id'])}: "
                          f"{escape(format_codes(coding.codes, coding.levels, codebook))}")
            break
