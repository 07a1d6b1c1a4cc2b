"""Run the API under uvicorn: what `lineage serve` does."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable

import uvicorn
from uvicorn.supervisors import Multiprocess

from app.api.transport import CoalescingHttpToolsProtocol
from app.settings import BUNDLED_DATA, Settings


def ensure_database(settings: Settings, say: Callable[[str], None] = print) -> bool:
    """With the embedded engine and no database file yet, load the bundled dataset into it.
    Returns whether it loaded."""
    if settings.backend != "embedded" or settings.db_path.exists():
        return False
    from app.storage.embedded import EmbeddedStore
    from loaders.load import load_paths

    say(f"no database at {settings.db_path}: loading the bundled dataset first")
    store = EmbeddedStore(settings.db_path)
    try:
        load_paths(store, [BUNDLED_DATA])
    finally:
        store.close()
    return True


def _listening_socket(host: str, port: int) -> socket.socket:
    """The socket the worker processes share. Created as a TCP socket explicitly: uvicorn's own
    (protocol 0) makes asyncio skip TCP_NODELAY on the connections it accepts, and Nagle's
    algorithm with delayed ACKs then holds every keep-alive response some 40 ms."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise SystemExit(f"cannot listen on {host}:{port}: {exc}") from None
    sock.set_inheritable(True)
    return sock


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    access_log: bool = True,
    log_level: str = "info",
) -> None:
    """Serve the API until interrupted. Several workers are several processes, each with its own
    engine connection; they read the same database (the embedded file is opened read-only)."""
    ensure_database(settings)
    options = {
        "host": host,
        "port": port,
        "access_log": access_log,
        "log_level": log_level,
        "http": CoalescingHttpToolsProtocol,
    }
    if workers > 1:
        # Worker processes build their settings from the environment: hand these over there.
        os.environ["LINEAGE_BACKEND"] = settings.backend
        os.environ["LINEAGE_DB_PATH"] = str(settings.db_path)
        # The workers share one listening socket, and the first awake would otherwise accept
        # every pending connection: 16 keep-alive clients arriving together all went to one of
        # two workers, which then did all the work. libuv (under uvloop) then accepts one at a
        # time and yields, so connections spread across the workers.
        os.environ.setdefault("UV_TCP_SINGLE_ACCEPT", "1")
        config = uvicorn.Config("app.api:create_app", factory=True, workers=workers, **options)
        sock = _listening_socket(host, port)
        print(f"serving http://{host}:{port} with {workers} worker processes")
        Multiprocess(config, sockets=[sock]).run()
    else:
        from app.api import create_app

        uvicorn.run(create_app(settings), **options)
