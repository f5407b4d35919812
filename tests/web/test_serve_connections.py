"""`gongkai serve` keeps answering while many idle or half-sent connections are open (D46)."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pytest

from web.test_serve_demo import _serving


@pytest.mark.slow
def test_more_idle_connections_than_threads_and_than_waitress_default_limit(tmp_path: Path) -> None:
    with _serving(tmp_path, GONGKAI_SERVE_CHANNEL_TIMEOUT="60") as port:
        idle = []
        try:
            for _ in range(150):  # 8 threads; waitress's own connection_limit is 100
                s = socket.create_connection(("127.0.0.1", port), timeout=10)
                s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
                idle.append(s)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=20) as page:
                assert page.status == 200
        finally:
            for s in idle:
                s.close()
