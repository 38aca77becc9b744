"""Running the platform with uvicorn: in the foreground (``platform serve``) or on a
background thread (tests, ``mediation-desk demo``)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import uvicorn

from platform_server.api.common import Platform
from platform_server.app import build_platform, create_app
from platform_server.config import PlatformConfig
from platform_server.faults import TransportExposingH11Protocol


def uvicorn_config(app: Any, host: str, port: int, log_level: str = "warning") -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        http=TransportExposingH11Protocol,
        lifespan="on",
        access_log=False,
        timeout_graceful_shutdown=3,
    )


def serve_forever(config: PlatformConfig, platform: Platform) -> None:
    """Serve until interrupted (Ctrl+C)."""
    app = create_app(config, platform)
    server = uvicorn.Server(uvicorn_config(app, config.host, config.port, "info"))
    server.run()


@dataclass
class RunningServer:
    """A platform serving on a background thread; use as a context manager."""

    config: PlatformConfig
    platform: Platform
    passwords: dict[str, str]
    base_url: str
    _server: uvicorn.Server
    _thread: threading.Thread

    @property
    def admin_token(self) -> str:
        return self.config.admin_token

    @property
    def faults(self) -> Any:
        return self.platform.faults

    @property
    def simulator(self) -> Any:
        return self.platform.simulator

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)
        self.platform.db.dispose()

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_in_thread(config: PlatformConfig, timeout: float = 60.0) -> RunningServer:
    """Build the platform and serve it on ``config.host`` at a free port (port 0) or the
    given one; returns once it answers. The base URL has no trailing slash."""
    platform, passwords = build_platform(config)
    app = create_app(config, platform)
    sock = socket.socket(
        socket.AF_INET6 if ":" in config.host else socket.AF_INET, socket.SOCK_STREAM
    )
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this; without it, Nagle's algorithm and the client's
    # delayed ACK hold every response whose headers and body are sent apart for ~40 ms.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((config.host, config.port))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn_config(app, config.host, port))

    def run() -> None:
        asyncio.run(server.serve(sockets=[sock]))

    thread = threading.Thread(target=run, name="platform-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the platform server stopped while starting")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the platform server did not start in time")
        time.sleep(0.02)
    host = f"[{config.host}]" if ":" in config.host else config.host
    return RunningServer(config, platform, passwords, f"http://{host}:{port}", server, thread)
