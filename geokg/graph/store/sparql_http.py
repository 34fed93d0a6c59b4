"""HTTP for remote SPARQL stores: credentials from the environment, timeouts, bounded retries.

This module is the remote backend's error boundary: urllib and socket errors never leave it,
each becomes a ``geokg.errors`` exception naming the endpoint, the HTTP status and the first
line of the server's message, chained to the original error.

Environment::

    GEOKG_STORE_USER, GEOKG_STORE_PASSWORD   HTTP Basic or Digest, as the server asks
    GEOKG_STORE_TOKEN                        HTTP Bearer token (wins over user and password)
    GEOKG_STORE_TIMEOUT                      seconds an answer may take, from request to last byte (default 60)
    GEOKG_STORE_RETRIES                      retries of a transient failure (default 3)
    GEOKG_STORE_MAX_MB                       largest answer read, in MB (default 1024)

An answer is read in chunks against both bounds, so an endless or trickling response ends in an
error, not in a client that grows without limit.
"""

from __future__ import annotations

import http.client
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from ...errors import GeokgError, QuerySyntaxError, StoreError, StoreUnavailable

DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3
DEFAULT_MAX_MB = 1024
_CHUNK = 1 << 16
BACKOFF = 0.5  # seconds before the first retry; doubled for each next one

# 503 and 429 mean "not processed, come back later"; 502 and 504 may hide a processed request,
# so they are retried only for idempotent requests, like dropped connections and timeouts.
_RETRY_ALWAYS = frozenset({429, 503})
_RETRY_IDEMPOTENT = frozenset({502, 504})
_CREDENTIALS_HINT = "set GEOKG_STORE_USER and GEOKG_STORE_PASSWORD, or GEOKG_STORE_TOKEN"


@dataclass(frozen=True, slots=True)
class Response:
    """A successful answer: status, media type (without parameters) and body."""

    status: int
    media_type: str
    body: bytes


def first_line(text: str, limit: int = 200) -> str:
    r"""Return the first non-blank line of *text*, shortened to *limit* characters.

    >>> first_line("error at 1:29: expected one of Prefix not found, ['%'], [':']\nmore")
    'error at 1:29: undeclared prefix'
    """
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    head, sep, rest = line.partition(": expected one of ")  # Oxigraph lists every acceptable token
    if sep:
        line = head + (": undeclared prefix" if rest.startswith("Prefix not found") else ": unexpected token")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def endpoint_name(url: str) -> str:
    """Return *url* without user info, query string or fragment, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise StoreError(f"${name} must be a number of seconds or retries, not {raw!r}") from None


class _Everywhere(urllib.request.HTTPPasswordMgr):
    """The one user and password of the store, for every realm and URL it is asked about."""

    def __init__(self, user: str, password: str) -> None:
        super().__init__()
        self._credentials = (user, password)

    def find_user_password(self, realm: str | None, authuri: str) -> tuple[str, str]:
        return self._credentials


class SparqlHttp:
    """Send requests to one SPARQL server with the same credentials, timeout and retry policy."""

    def __init__(self, *, timeout: float | None = None, retries: int | None = None) -> None:
        self.timeout = timeout if timeout is not None else _env_number("GEOKG_STORE_TIMEOUT", DEFAULT_TIMEOUT)
        self.retries = int(retries if retries is not None else _env_number("GEOKG_STORE_RETRIES", DEFAULT_RETRIES))
        self.max_bytes = int(_env_number("GEOKG_STORE_MAX_MB", DEFAULT_MAX_MB) * 2**20)
        self._unreachable = False  # once retries ran out, later requests try once and fail fast
        handlers: list[urllib.request.BaseHandler] = []
        self._auth: str | None = None
        token = os.environ.get("GEOKG_STORE_TOKEN")
        user, password = os.environ.get("GEOKG_STORE_USER"), os.environ.get("GEOKG_STORE_PASSWORD")
        if token:
            self._auth = f"Bearer {token}"
        elif user is not None and password is not None:
            # Answer the server's challenge, Basic or Digest, rather than send Basic unasked:
            # Virtuoso's *-auth endpoints refuse an unasked Basic header without a Digest challenge.
            passwords = _Everywhere(user, password)
            handlers += [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)

    def request(
        self,
        method: str,
        url: str,
        *,
        params: dict[str, str] | None = None,
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
        idempotent: bool = True,
        kind: str = "query",  # "query" | "update" | "data": what a 400 answer means
    ) -> Response:
        """Return the server's successful response, retrying transient failures with backoff."""
        full = url + ("&" if "?" in url else "?") + urlencode(params) if params else url
        headers = {"User-Agent": "geokg"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        if self._auth:
            headers["Authorization"] = self._auth
        attempts = 1 if self._unreachable else 1 + max(self.retries, 0)
        for attempt in range(attempts):
            last = attempt == attempts - 1
            request = urllib.request.Request(full, data=body, headers=headers, method=method)
            try:
                deadline = time.monotonic() + self.timeout
                with self._opener.open(request, timeout=self.timeout) as answer:
                    media_type = answer.headers.get_content_type()
                    response = Response(answer.status, media_type, self._body(answer, url, deadline))
                self._unreachable = False
                return response
            except urllib.error.HTTPError as exc:
                retry = exc.code in _RETRY_ALWAYS or (idempotent and exc.code in _RETRY_IDEMPOTENT)
                if last or not retry:
                    raise _http_error(url, exc, kind) from exc
                delay = _retry_after(exc) or BACKOFF * 2**attempt
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
                timed_out = isinstance(reason, (socket.timeout, TimeoutError))
                refused = isinstance(reason, ConnectionRefusedError)  # never reached the server
                if last or not (refused or (idempotent and not timed_out and _transient(reason))):
                    self._unreachable = refused or not timed_out
                    raise _unreachable_error(url, reason, timed_out, self.timeout, attempt + 1) from exc
                delay = BACKOFF * 2**attempt
            time.sleep(delay)
        raise AssertionError("unreachable")  # the loop returns or raises


    def _body(self, answer, url: str, deadline: float) -> bytes:
        """Return the body of *answer*, read in chunks until the deadline or the size limit, whichever first."""
        chunks: list[bytes] = []
        size = 0
        while chunk := answer.read1(_CHUNK) if hasattr(answer, "read1") else answer.read(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise StoreError(f"{endpoint_name(url)} sent more than {self.max_bytes // 2**20} MB in one answer; "
                                 "stopped reading (set $GEOKG_STORE_MAX_MB to allow more)")
            if time.monotonic() > deadline:
                raise StoreUnavailable(f"{endpoint_name(url)} did not finish its answer within {self.timeout:g} s "
                                       "(set $GEOKG_STORE_TIMEOUT to wait longer)")
            chunks.append(chunk)
        return b"".join(chunks)


def _transient(reason: object) -> bool:
    """Return True for connection failures worth retrying (reset, dropped, unreachable host)."""
    return isinstance(reason, (ConnectionError, http.client.RemoteDisconnected, http.client.IncompleteRead))


def _retry_after(exc: urllib.error.HTTPError) -> float | None:
    """Return the server's Retry-After delay in seconds, capped at 10, when it gives one."""
    value = exc.headers.get("Retry-After", "") if exc.headers else ""
    return min(float(value), 10.0) if value.strip().isdigit() else None


def _server_message(exc: urllib.error.HTTPError) -> str:
    """Return the first line of the error body the server sent, or its reason phrase."""
    try:
        text = exc.read().decode("utf-8", "replace")
    except OSError:
        text = ""
    return first_line(text) or str(exc.reason or "no message")


#: HTTP error status -> geokg error: (statuses, request kinds, error, message), None for any;
#: the first row that fits wins. Message fields: {where}, {status}, {message} (the server's).
_HTTP_ERRORS: tuple[tuple[frozenset[int] | None, frozenset[str] | None, type[GeokgError], str], ...] = (
    (frozenset({400}), frozenset({"query", "update"}), QuerySyntaxError,
     "SPARQL syntax error: {message} ({where} answered HTTP 400)"),
    (frozenset({401, 403}), None, StoreError, "{where} refused access (HTTP {status}: {message}); " + _CREDENTIALS_HINT),
    (frozenset({404}), None, StoreUnavailable,
     "no SPARQL endpoint at {where} (HTTP 404: {message}); check --store, --update-url and --gsp-url"),
    (None, frozenset({"data"}), StoreError, "cannot write to {where}: HTTP {status}: {message}"),
    (None, None, StoreError, "{where} failed with HTTP {status}: {message}"),
)


def _http_error(url: str, exc: urllib.error.HTTPError, kind: str) -> GeokgError:
    """Return the geokg error for an HTTP error status from *url*."""
    status = exc.code
    error, template = next(
        (error, template) for statuses, kinds, error, template in _HTTP_ERRORS
        if (statuses is None or status in statuses) and (kinds is None or kind in kinds)
    )
    return error(template.format(where=endpoint_name(url), status=status, message=_server_message(exc)))


def _unreachable_error(url: str, reason: object, timed_out: bool, timeout: float, attempts: int) -> StoreUnavailable:
    """Return the error for a server that did not answer."""
    where = endpoint_name(url)
    if timed_out:
        return StoreUnavailable(f"{where} did not answer within {timeout:g} s (set $GEOKG_STORE_TIMEOUT to wait longer)")
    detail = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    return StoreUnavailable(f"cannot reach {where}: {detail}{tries}; is the SPARQL server running?")
