"""Progress of long commands, as a person at a terminal or a log file wants it.

On a terminal (stderr is a TTY): one bar on stderr with the count, the rate and the time
left (click's progress bar), redrawn in place. Otherwise (a pipe, a log, CI): one line per
item (`kg load`'s per-readout lines), as before. `--quiet`: neither; the summary and errors
still print.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

import click


def on_terminal() -> bool:
    return sys.stderr.isatty()


class ItemProgress:
    """Progress over a known number of items (readouts): a bar on a terminal, else lines.

    `start(total)` draws the bar; `advance(line)` counts one item, and off a terminal prints
    `line` (to stdout, where the per-item lines always went); `close()` ends the bar.
    """

    def __init__(self, label: str, unit: str, *, quiet: bool = False) -> None:
        self.label, self.unit, self.quiet = label, unit, quiet
        self.bar_shown = not quiet and on_terminal()
        self._bar: Any = None
        self._started = 0.0
        self._done = 0

    def start(self, total: int) -> None:
        if not self.bar_shown or total <= 0:
            return
        self._started, self._done = time.monotonic(), 0
        self._bar = click.progressbar(length=total, label=self.label, file=sys.stderr, show_pos=True,
                                      show_eta=True, item_show_func=self._rate, width=30)
        self._bar.__enter__()

    def _rate(self, _item: object) -> str | None:
        elapsed = time.monotonic() - self._started
        if self._done == 0 or elapsed <= 0:
            return None
        return f"{self._done / elapsed:.1f} {self.unit}/s"

    def advance(self, line: str | None = None) -> None:
        self._done += 1
        if self._bar is not None:
            self._bar.update(1, self._done)
        elif line is not None and not self.quiet:
            click.echo(line)

    def message(self, text: str) -> None:
        """An error line, printed above the bar (never lost in it)."""
        if self._bar is not None:
            click.echo("\r\033[K", nl=False, err=True)  # clear the bar's line; it is redrawn next
        click.echo(text, err=True)
        if self._bar is not None:
            self._bar.render_progress()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None

    def __enter__(self) -> ItemProgress:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class StepProgress:
    """Progress through the named steps of one job (export, restore, validate).

    On a terminal a bar over the steps shows the one running and the time so far. Off a
    terminal nothing is printed (these jobs have no per-item lines; their summary line says
    what was done), nor with `--quiet`.
    """

    def __init__(self, label: str, steps: int, *, quiet: bool = False) -> None:
        self.label, self.quiet = label, quiet
        self.bar_shown = not quiet and on_terminal()
        self._bar: Any = None
        self._step: str | None = None
        self._started = time.monotonic()
        if self.bar_shown:
            self._bar = click.progressbar(length=steps, label=label, file=sys.stderr, show_pos=True,
                                          item_show_func=self._current, width=20)
            self._bar.__enter__()

    def _current(self, _item: object) -> str | None:
        if self._step is None:
            return None
        return f"{self._step} ({time.monotonic() - self._started:.1f} s)"

    def _finish_step(self) -> None:
        if self._step is None:
            return
        if self._bar is not None:
            self._bar.update(1)

    def __call__(self, step: str) -> None:
        """The job moved on to `step` (the previous one is done)."""
        self._finish_step()
        self._step = step
        if self._bar is not None:
            self._bar.render_progress()

    def close(self, *, completed: bool = True) -> None:
        if completed:
            self._finish_step()
        self._step = None
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None

    def __enter__(self) -> Callable[[str], None]:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close(completed=exc is None)  # a failed step is not reported as done
