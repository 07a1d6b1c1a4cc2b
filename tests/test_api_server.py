"""The API behind a real uvicorn server on loopback: concurrent clients share one engine
connection per process and get the answers they would get alone, failing queries included;
and `lineage serve` starts it, loading the bundled dataset when there is no database yet."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn

from app.api import create_app
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


@pytest.fixture(scope="module")
def live(service: LineageService, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a uvicorn server on a free loopback port, over the service's engine, with the
    catalog plus one query that the engine rejects."""
    catalog_dir = tmp_path_factory.mktemp("catalog")
    for path in QUERY_DIR.glob("*.cypher"):
        shutil.copy(path, catalog_dir / path.name)
    (catalog_dir / "broken.cypher").write_text(
        "// answers: nothing\n// params: none\nMATCH (n:NoSuchLabel) RETURN n.id AS id\n",
        encoding="utf-8",
    )
    app = create_app(Settings(), service=LineageService(service.store, Catalog(catalog_dir)))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_concurrent_clients_get_what_they_would_get_alone(live: str) -> None:
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
        deadline = time.monotonic() + 90
        health = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
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
