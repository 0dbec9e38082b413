"""What one client may cost the endpoint: the size of a request body, the time to send it,
and how many queries run at once.

Each query costs the server a worker process and a core; without a bound, a burst of
requests starts as many processes as it has requests and every query times out. A client
that sends a negative or huge Content-Length, or sends its body slowly, must not hold memory
or a thread either. These checks sit in front of the query layer (kg/query/serve.py calls
them before anything is parsed).
"""

from __future__ import annotations

import contextlib
import io
import ipaddress
import re
import socket
import threading
from collections.abc import Iterator

MAX_BODY = 1_000_000  # bytes of a POSTed query (a query text itself is limited further by the check)
DEFAULT_MAX_QUERIES = 4  # queries answered at once; more wait up to QUEUE_SECONDS, then 503
QUEUE_SECONDS = 2.0
SOCKET_SECONDS = 30.0  # a client silent this long while sending its request is dropped
_DIGITS = re.compile(r"[0-9]{1,19}")


class RequestRefused(Exception):
    """A request refused before any query work, with its HTTP status."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def body_length(content_length: str | None, transfer_encoding: str | None, max_bytes: int = MAX_BODY) -> int:
    """The number of body bytes to read, from the request's headers (RequestRefused if unusable).

    Only a plain decimal Content-Length is accepted: `int()` would take "-1" (and a read of -1
    bytes reads to the end of the stream, past any limit), " 12", "+12" or "1_000".
    """
    if transfer_encoding:
        raise RequestRefused(411, "send the query with a Content-Length (chunked bodies are not accepted)")
    if content_length is None:
        raise RequestRefused(411, "a POST needs a Content-Length")
    if not _DIGITS.fullmatch(content_length):
        raise RequestRefused(400, f"bad Content-Length {content_length[:40]!r}")
    length = int(content_length)
    if length > max_bytes:
        raise RequestRefused(413, f"query too long (more than {max_bytes} bytes)")
    return length


def read_body(stream: io.BufferedIOBase, length: int) -> bytes:
    """Exactly `length` bytes of the body (RequestRefused when the client stops sending)."""
    try:
        data = stream.read(length)
    except TimeoutError:
        raise RequestRefused(408, f"the request body did not arrive within {SOCKET_SECONDS:g} s") from None
    if len(data) != length:
        raise RequestRefused(400, f"the request body ended after {len(data)} of {length} bytes")
    return data


def discard_unread(connection: socket.socket, out: io.BufferedIOBase, limit: int = MAX_BODY) -> None:
    """Before closing on a refused request: read (and drop) what the client is still sending,
    briefly. Closing a socket with unread input sends a reset, which can destroy the refusal
    on its way, so the client would see "connection reset" instead of the 413 or 411."""
    with contextlib.suppress(OSError):
        out.flush()
        connection.shutdown(socket.SHUT_WR)
        connection.settimeout(0.5)
        dropped = 0
        while dropped < limit:
            chunk = connection.recv(65536)
            if not chunk:
                break
            dropped += len(chunk)


class QuerySlots:
    """At most `size` queries at once; a request waits up to `wait` seconds for a free slot."""

    def __init__(self, size: int = DEFAULT_MAX_QUERIES, wait: float = QUEUE_SECONDS) -> None:
        if size < 1:
            raise ValueError("at least one query slot")
        self.size = size
        self.wait = wait
        self._free = threading.BoundedSemaphore(size)

    @contextlib.contextmanager
    def taken(self) -> Iterator[None]:
        """Hold a slot for the duration; RequestRefused(503) when none frees in time."""
        if not self._free.acquire(timeout=self.wait):
            raise RequestRefused(503, f"busy: {self.size} queries are running; try again in a moment",
                                 retry_after=1)
        try:
            yield
        finally:
            self._free.release()


def is_loopback(host: str) -> bool:
    """Whether a listening address is reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface
