"""A one-line progress bar for ingest: articles, articles/s and ETA, redrawn in place on a terminal."""

from __future__ import annotations

import time
from typing import TextIO

from .ingest import IngestReport

WIDTH = 24


def format_eta(seconds: float) -> str:
    """Return *seconds* as H:MM:SS or M:SS.

    >>> format_eta(75), format_eta(3725)
    ('1:15', '1:02:05')
    """
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def render(report: IngestReport, elapsed: float) -> str:
    """Return the progress line for *report* after *elapsed* seconds.

    >>> render(IngestReport(ingested=90, failed=1, bytes_done=50, bytes_total=100), 2.0)
    '[############            ]  50%  91 articles (1 failed)  45.5/s  ETA 0:02'
    """
    rate = report.articles / elapsed if elapsed > 0 else 0.0
    failed = f" ({report.failed} failed)" if report.failed else ""
    if report.bytes_total:
        share = min(1.0, report.bytes_done / report.bytes_total)
        bar = "#" * int(share * WIDTH)
        eta = elapsed * (1 - share) / share if share > 0 else 0.0
        return (f"[{bar:<{WIDTH}}] {share:4.0%}  {report.articles} articles{failed}  "
                f"{rate:.1f}/s  ETA {format_eta(eta) if share > 0 else '?'}")
    return f"{report.articles} articles{failed}  {rate:.1f}/s"


class Progress:
    """Draw the progress line on *stream*: redrawn in place on a terminal, else one line every few seconds."""

    def __init__(self, stream: TextIO, *, tty: bool, interval: float | None = None) -> None:
        self.stream = stream
        self.tty = tty
        self.interval = interval if interval is not None else (0.1 if tty else 5.0)
        self.start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def update(self, report: IngestReport) -> None:
        """Redraw the line if the last draw is old enough; return None."""
        now = time.monotonic()
        if now - self._last < self.interval:
            return
        self._last = now
        line = render(report, now - self.start)
        if self.tty:
            self.stream.write(f"\r\x1b[K{line}")
            self._drawn = True
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def message(self, line: str) -> None:
        """Write *line* above the progress line; return None."""
        self.clear()
        self.stream.write(line + "\n")
        self.stream.flush()
        self._last = 0.0

    def clear(self) -> None:
        """Erase the progress line from the terminal; return None."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    def finish(self, report: IngestReport) -> None:
        """Draw the final state, then leave the line; return None."""
        self._last = 0.0
        self.update(report)
        if self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
