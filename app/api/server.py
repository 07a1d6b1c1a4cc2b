"""Run the API under uvicorn: what `lineage serve` does."""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable
from typing import Any

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


# On Linux each worker listens on its own socket bound to the same port, and the kernel spreads
# new connections across them. With one shared socket the first worker awake accepts all that
# are pending: 16 keep-alive clients arriving together went 16 to 0, or 13 to 3, and one worker
# did all the work while the other idled.
REUSE_PORT = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _listening_socket(host: str, port: int, reuse_port: bool = False) -> socket.socket:
    """A socket for the server to listen on. Created as a TCP socket explicitly: uvicorn's own
    (protocol 0) makes asyncio skip TCP_NODELAY on the connections it accepts, and Nagle's
    algorithm with delayed ACKs then holds every keep-alive response some 40 ms."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
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
        if REUSE_PORT:
            _serve_workers(options, workers)
            return
        # One shared socket: libuv (under uvloop) then accepts one connection at a time and
        # yields, which spreads them somewhat.
        os.environ.setdefault("UV_TCP_SINGLE_ACCEPT", "1")
        config = uvicorn.Config("app.api:create_app", factory=True, workers=workers, **options)
        sock = _listening_socket(host, port)
        print(f"serving http://{host}:{port} with {workers} worker processes")
        Multiprocess(config, sockets=[sock]).run()
    else:
        from app.api import create_app

        uvicorn.run(create_app(settings), **options)


def _worker(options: dict[str, Any], port: int) -> None:
    """One worker process: its own socket on the shared port, one uvicorn server."""
    sock = _listening_socket(options["host"], port, reuse_port=True)
    config = uvicorn.Config("app.api:create_app", factory=True, **{**options, "port": port})
    uvicorn.Server(config).run(sockets=[sock])


def _serve_workers(options: dict[str, Any], workers: int) -> None:
    """Run `workers` worker processes, each listening on the port with SO_REUSEPORT; restart any
    that dies; stop them all on SIGINT or SIGTERM."""
    host = options["host"]
    # Bound but not listening, this socket reserves the port (a busy port fails here, before
    # any worker starts) and resolves port 0, while the kernel hands it no connections.
    reserved = _listening_socket(host, options["port"], reuse_port=True)
    port = reserved.getsockname()[1]
    context = multiprocessing.get_context("spawn")
    stopping = threading.Event()

    def start() -> multiprocessing.process.BaseProcess:
        process = context.Process(target=_worker, args=(options, port), name="lineage-worker")
        process.start()
        return process

    def stop(signum: int, frame: object) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = [start() for _ in range(workers)]
    print(f"serving http://{host}:{port} with {workers} worker processes", flush=True)
    try:
        while not stopping.wait(0.5):
            for index, process in enumerate(processes):
                if not process.is_alive():
                    print(f"worker {process.pid} exited ({process.exitcode}): restarting")
                    processes[index] = start()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
        reserved.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
