"""Test-only support for running the Elasticsearch engine against osmem-server, a real search engine process
that speaks the Elasticsearch REST API: a transport node that talks plain JSON to it, and a server that can be
stopped and started again on the same port (to test what happens when the engine goes away mid-run)."""

from __future__ import annotations

import socket
from dataclasses import dataclass

from elastic_transport import HttpHeaders, Urllib3HttpNode
from osmem_server import OsmemServer as _Process

_VENDOR_TYPES = {
    "application/vnd.elasticsearch+json": "application/json",
    "application/vnd.elasticsearch+x-ndjson": "application/x-ndjson",
}


def plain_media_type(value: str) -> str:
    """`application/vnd.elasticsearch+json; compatible-with=8` → `application/json` (other types unchanged)."""
    media_type = value.partition(";")[0].strip().lower()
    return _VENDOR_TYPES.get(media_type, value)


class OsmemNode(Urllib3HttpNode):
    """Sends `application/json` where the Elasticsearch client sends its vendor media type (osmem, like
    OpenSearch, does not know it), and marks answers as coming from Elasticsearch, which the client checks."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        merged = HttpHeaders(self._headers)
        if headers:
            merged.update(headers)
        for name in ("accept", "content-type"):
            if name in merged:
                merged[name] = plain_media_type(merged[name])
        response = super().perform_request(method, target, body=body, headers=merged, **kwargs)
        response_headers = HttpHeaders(response.meta.headers)
        response_headers["x-elastic-product"] = "Elasticsearch"
        response.meta.headers = response_headers
        return response


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@dataclass
class OsmemServer:
    """An osmem-server process on a fixed address: `stop()` then `restart()` brings it back at the same URL
    (empty: osmem keeps its indexes in memory)."""

    host: str
    port: int
    japanese: bool = False
    freeze: bool = False
    process: _Process | None = None

    @classmethod
    def start(cls, *, freeze: bool = False, japanese: bool = False, addr: str | None = None) -> OsmemServer:
        """A running server at `addr` ("host:port"; a free local port when not given or port 0)."""
        host, _, port = (addr or "127.0.0.1:0").rpartition(":")
        host = host or "127.0.0.1"
        server = cls(host=host, port=int(port or 0) or free_port(host), japanese=japanese, freeze=freeze)
        server.restart()
        return server

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.process.poll() is None

    def restart(self) -> None:
        """Start the process again at the same address (no-op while it runs)."""
        if self.running:
            return
        addr = f"{self.host}:{self.port}"
        self.process = _Process.start(freeze=self.freeze, japanese=self.japanese, addr=addr)

    def stop(self) -> None:
        if self.process is not None:
            self.process.close(grace=2.0)
            self.process = None

    def request(self, method: str, path: str, body=None):
        """A raw request (JSON in, JSON out) for assertions that should not go through the engine."""
        assert self.process is not None, "osmem-server is stopped"
        return self.process.request(method, path, body)
