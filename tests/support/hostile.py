"""A scratch SPARQL server on loopback that answers what a test tells it to, and records what it was sent."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

#: (method, path, decoded form or body) -> (status, media type, body chunks)
Answer = Callable[[str, str, dict[str, str]], tuple[int, str, Iterator[bytes]]]


def select_json(variables: list[str], rows: list[dict]) -> bytes:
    """Return a SPARQL JSON SELECT answer."""
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": rows}}).encode()


@dataclass
class HostileServer:
    """A server answering every request with ``answer(...)``; ``requests`` lists (method, path, form)."""

    answer: Answer
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)

    def __enter__(self) -> HostileServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _any(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
                form = {k: v[0] for k, v in parse_qs(body).items()} or {"body": body}
                owner.requests.append((self.command, self.path, form))
                status, media, chunks = owner.answer(self.command, self.path, form)
                self.send_response(status)
                self.send_header("Content-Type", media)
                self.end_headers()
                try:
                    for chunk in chunks:
                        self.wfile.write(chunk)
                except OSError:
                    pass  # the client gave up, as it should

            do_GET = do_POST = do_PUT = do_DELETE = _any

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/query"
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
