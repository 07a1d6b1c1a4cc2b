"""The API behind a real uvicorn server on loopback: concurrent clients share one engine
connection per process and get the answers they would get alone, failing queries included;
and `lineage serve` starts it, loading the bundled dataset when there is no database yet."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from app.api import create_app
from app.api.transport import CoalescingHttpToolsProtocol
from app.catalog import QUERY_DIR, Catalog
from app.service import LineageService
from app.settings import Settings

APPROVAL = "nanchang.administrative-approval"
PERMIT = "nanchang.building-planning-permit"

MIX = [
    f"/agencies/{APPROVAL}",
    f"/agencies/{APPROVAL}/lineage?direction=both&depth=5",
    f"/functions/{PERMIT}/trail",
    f"/functions/{PERMIT}",
    "/agencies/nanchang.housing-urban-rural-development/lineage",
    "/jurisdictions/nanchang/snapshot?at=2021-11-30",
    "/jurisdictions/nanchang/diff?from=2021&to=2022",
    "/jurisdictions/liyang.tianmuhu/devolutions",
    "/search?q=行政審批局",
    "/events?limit=20",
    "/queries/broken",  # fails inside the engine: 503
    "/agencies/no-such-agency",  # 404
    "/agencies/局",  # 409
    f"/agencies/{APPROVAL}/lineage?depth=99",  # 422
    "/queries/snapshot_agencies?jurisdiction=nanchang&at=2022",
]


@contextmanager
def serving(app) -> Iterator[str]:
    """Base URL of a uvicorn server on a free loopback port, serving `app` from a thread with
    the HTTP protocol `lineage serve` uses."""
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        log_level="warning",
        access_log=False,
        http=CoalescingHttpToolsProtocol,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def catalog_with_a_broken_query(directory: Path) -> Catalog:
    """The catalog plus one query that the engine rejects."""
    for path in QUERY_DIR.glob("*.cypher"):
        shutil.copy(path, directory / path.name)
    (directory / "broken.cypher").write_text(
        "// answers: nothing\n// params: none\nMATCH (n:NoSuchLabel) RETURN n.id AS id\n",
        encoding="utf-8",
    )
    return Catalog(directory)


@pytest.fixture(scope="module")
def live(service: LineageService, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over the service's engine, with the catalog plus a broken query."""
    catalog = catalog_with_a_broken_query(tmp_path_factory.mktemp("catalog"))
    app = create_app(Settings(), service=LineageService(service.store, catalog))
    with serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def pooled(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server as `lineage serve` builds it on the embedded engine: its own store from the
    settings (one read-only database, a pool of connections), plus a broken query."""
    app = create_app(Settings(LINEAGE_BACKEND="embedded", LINEAGE_DB_PATH=bundled_db))
    holder = app.state.services
    catalog = catalog_with_a_broken_query(tmp_path_factory.mktemp("catalog"))
    holder.get().catalog = catalog
    assert holder.get().store.connections > 1
    with serving(app) as url:
        yield url
    holder.close()


def test_concurrent_clients_get_what_they_would_get_alone(live: str) -> None:
    assert_concurrent_answers_match(live)


@pytest.mark.engine("embedded")
def test_the_pooled_embedded_store_under_concurrent_clients(pooled: str) -> None:
    assert_concurrent_answers_match(pooled)


def assert_concurrent_answers_match(live: str) -> None:
    with httpx.Client(base_url=live, timeout=30) as alone:
        expected = {url: (r.status_code, r.json()) for url in MIX for r in [alone.get(url)]}
    assert expected["/queries/broken"][0] == 503
    assert expected[f"/agencies/{APPROVAL}"][0] == 200

    def client_run(offset: int) -> list[tuple[str, int, dict]]:
        seen = []
        with httpx.Client(base_url=live, timeout=30) as client:
            for i in range(len(MIX) * 3):
                url = MIX[(offset + i) % len(MIX)]
                response = client.get(url)
                seen.append((url, response.status_code, response.json()))
        return seen

    with ThreadPoolExecutor(max_workers=16) as pool:
        runs = list(pool.map(client_run, range(16)))
    answered = 0
    for run in runs:
        for url, status, body in run:
            assert (status, body) == expected[url], url
            answered += 1
    assert answered == 16 * len(MIX) * 3


def test_health_over_a_socket(live: str) -> None:
    response = httpx.get(f"{live}/health", timeout=10)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.headers["content-type"] == "application/json"


def _raw_exchange(url: str, request: bytes) -> bytes:
    """Send raw bytes to the server and read until it closes the connection."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def test_pipelined_answers_arrive_whole_and_in_order_before_the_close(live: str) -> None:
    """Writes are joined per event-loop turn: two pipelined requests still get two complete
    answers in order, and a `Connection: close` answer is sent before the socket closes."""
    first = f"GET /agencies/{APPROVAL} HTTP/1.1\r\nHost: t\r\n\r\n"
    second = f"GET /functions/{PERMIT}/trail HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
    received = _raw_exchange(live, (first + second).encode())
    answers = []
    while received:
        head, _, rest = received.partition(b"\r\n\r\n")
        length = int(
            next(
                line.split(b":", 1)[1]
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
        )
        answers.append((head.split(b" ")[1], json.loads(rest[:length])))
        received = rest[length:]
    assert [status for status, _ in answers] == [b"200", b"200"]
    assert answers[0][1]["id"] == APPROVAL
    assert answers[1][1]["function"]["id"] == PERMIT


def _first_health(process: subprocess.Popen, port: int, seconds: float) -> httpx.Response | None:
    """The first answer of a starting `lineage serve` to /health; None if it exits or stays
    silent for `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.engine("embedded")
def test_lineage_serve_loads_the_bundled_dataset_when_there_is_no_database(tmp_path: Path) -> None:
    db = tmp_path / "fresh.lbug"
    port = _free_port()
    env = {**os.environ, "LINEAGE_BACKEND": "embedded"}
    env.pop("LINEAGE_DB_PATH", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--db", str(db), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        health = _first_health(process, port, seconds=90)
        assert health is not None, "the server did not answer"
        assert health.status_code == 200 and health.json()["sources"] == 5
        assert health.json()["database"].endswith("fresh.lbug")
        assert db.exists()
        trail = httpx.get(f"http://127.0.0.1:{port}/functions/建筑类建设工程规划许可/trail")
        assert trail.json()["current"][0]["name"] == "南昌市自然资源和规划局"
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert "loading the bundled dataset" in output


def test_serve_defaults_to_loopback_port_8000() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "127.0.0.1" in result.stdout and "8000" in result.stdout


@pytest.mark.engine("embedded")
def test_the_pool_survives_failures_and_closes_after_reads_in_flight(bundled_db: Path) -> None:
    from app.errors import QueryFailed
    from app.storage.embedded import EmbeddedStore

    store = EmbeddedStore(bundled_db, connections=3, threads_per_query=1)
    good = "MATCH (s:Source) RETURN count(s) AS n"
    bad = "MATCH (n:NoSuchLabel) RETURN n"

    def reader(i: int) -> list:
        answers = []
        for j in range(30):
            if (i + j) % 5 == 0:
                with pytest.raises(QueryFailed):
                    store.read(bad, {})
                answers.append("failed")
            else:
                answers.append(store.read(good, {})[0]["n"])
        return answers

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = [a for run in pool.map(reader, range(8)) for a in run]
    assert answers.count(5) == 8 * 30 - answers.count("failed") and answers.count("failed") == 48
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(store.read, good, {}) for _ in range(20)]
        store.close()  # waits for reads in flight; later reads reopen
        assert all(f.result()[0]["n"] == 5 for f in futures)
    assert store.read(good, {})[0]["n"] == 5
    store.close()


@pytest.mark.parametrize("reuse_port", [False, True], ids=["shared", "reuse-port"])
def test_worker_sockets_accept_connections_that_skip_nagle(reuse_port: bool) -> None:
    import asyncio

    from app.api.server import _listening_socket

    if reuse_port and not hasattr(socket, "SO_REUSEPORT"):
        pytest.skip("this platform has no SO_REUSEPORT")
    sock = _listening_socket("127.0.0.1", 0, reuse_port=reuse_port)
    assert sock.proto == socket.IPPROTO_TCP
    seen: list[int] = []

    async def check() -> None:
        def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            conn = writer.get_extra_info("socket")
            seen.append(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(accepted, sock=sock)
        port = sock.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(check())
    assert seen and seen[0] != 0  # asyncio set TCP_NODELAY on the accepted connection


@pytest.mark.engine("embedded")
def test_lineage_serve_with_several_workers(bundled_db: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--db", str(bundled_db), "serve", "--port", str(port),
         "--workers", "2", "--no-access-log"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        answered = _first_health(process, port, seconds=60)
        assert answered is not None and answered.status_code == 200
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            for _ in range(20):
                assert client.get(f"/agencies/{APPROVAL}").status_code == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.communicate(timeout=30)
