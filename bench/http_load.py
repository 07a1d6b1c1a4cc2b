#!/usr/bin/env python3
"""HTTP load on the lineage API: concurrent keep-alive clients on loopback, latency per endpoint.

    python bench/generate.py /tmp/bench-data --agencies 200000 --events 400000
    lineage --db /tmp/bench.lbug load /tmp/bench-data
    python bench/http_load.py --db /tmp/bench.lbug --clients 16 --duration 30

With `--db` it starts `lineage serve` on a free loopback port over that database (`--workers`
processes) and stops it at the end; with `--url` it measures a server that is already running
(any backend). Ids are sampled through the API itself (the event timeline from random dates),
uniformly from a fixed seed, so every request asks about a different agency or function.

Each client is one keep-alive connection that sends a request, reads the whole response and
sends the next (a closed loop, no think time), cycling through the endpoints. The client is a
small asyncio HTTP/1.1 reader so that on a small machine it takes little of the CPU the server
needs. The target: p50 under 15 ms and p99 under 100 ms per endpoint, and no errors.

It also prints the CPU the clients used per request and, with `--db`, the CPU the server used
per request: figures that a busy machine disturbs far less than latencies.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

ENDPOINTS = {
    "trail": "/functions/{function}/trail",
    "agency": "/agencies/{agency}",
    "lineage": "/agencies/{agency}/lineage",
    "function": "/functions/{function}",
    "snapshot": "/jurisdictions/{jurisdiction}/snapshot?at={date}",
    "events": "/events?jurisdiction={jurisdiction}&limit=50",
    "search": "/search?q={word}&limit=20",
}
DEFAULT_ENDPOINTS = ("trail", "agency", "lineage")
TARGET_P50_MS = 15.0
TARGET_P99_MS = 100.0
_LENGTH = re.compile(rb"\r\ncontent-length:\s*(\d+)", re.IGNORECASE)


# -- a minimal keep-alive HTTP/1.1 client ---------------------------------------------------


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            sock = self.writer.get_extra_info("socket")
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        match = _LENGTH.search(head)
        if match is None:
            raise RuntimeError(f"no content-length in the answer to {path}")
        body = await self.reader.readexactly(int(match.group(1)))
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
            self.writer = None


# -- ids to ask about ----------------------------------------------------------------------


@dataclass
class Sample:
    agencies: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    jurisdictions: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    years: tuple[int, int] = (2000, 2024)


def _fetch(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=60) as response:
        return json.load(response)


def sample_ids(base: str, want: int, rng: random.Random) -> Sample:
    """Agency, function and jurisdiction ids from pages of the timeline at random dates."""
    sample = Sample()
    jurisdictions = [j["id"] for j in _fetch(base, "/jurisdictions")["jurisdictions"]]
    sample.jurisdictions = jurisdictions
    first = _fetch(base, "/events?limit=1")["events"]
    last_year = time.gmtime().tm_year
    first_year = int(first[0]["date"][:4]) if first else 2000
    sample.years = (first_year, last_year)
    agencies: set[str] = set()
    functions: set[str] = set()
    words: set[str] = set()
    for _ in range(400):
        if len(agencies) >= want and len(functions) >= want:
            break
        year = rng.randint(first_year, last_year)
        month = rng.randint(1, 12)
        page = _fetch(base, f"/events?from={year:04d}-{month:02d}&limit=25")["events"]
        for event in page:
            for side in ("from", "to"):
                for agency in event[side]:
                    agencies.add(agency["id"])
                    if agency["name"]:
                        words.add(agency["name"][-4:])
            for role in ("moves", "creates", "retires"):
                functions.update(f["id"] for f in event["functions"][role])
    sample.agencies = sorted(agencies)
    sample.functions = sorted(functions)
    sample.words = sorted(words)
    rng.shuffle(sample.agencies)
    rng.shuffle(sample.functions)
    return sample


def paths_for(
    names: list[str], sample: Sample, rng: random.Random, count: int
) -> list[tuple[str, str]]:
    """`count` (endpoint, path) pairs cycling through the endpoints, each with a random id."""
    paths = []
    for i in range(count):
        template = ENDPOINTS[names[i % len(names)]]
        year = rng.randint(*sample.years)
        values = {
            "agency": quote(rng.choice(sample.agencies), safe=""),
            "function": quote(rng.choice(sample.functions), safe=""),
            "jurisdiction": quote(rng.choice(sample.jurisdictions), safe=""),
            "date": f"{year:04d}-{rng.randint(1, 12):02d}-01",
            "word": quote(rng.choice(sample.words) if sample.words else "局", safe=""),
        }
        paths.append((names[i % len(names)], template.format(**values)))
    return paths


# -- the run ---------------------------------------------------------------------------------


@dataclass
class Result:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_examples: list[str] = field(default_factory=list)
    server_cpu_s: float | None = None  # CPU the server used while measured (with --db)
    client_cpu_s: float = 0.0  # CPU these clients used while measured


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process and all its descendants, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += cpu_seconds(int(child))
    except (FileNotFoundError, ProcessLookupError):
        pass
    return total


async def cpu_used(
    server_pid: int | None, measure_from: float, stop_at: float, result: Result
) -> None:
    """The CPU the clients and (when this script started it) the server use while measured."""
    await asyncio.sleep(max(0.0, measure_from - time.perf_counter()))
    client, server = time.process_time(), cpu_seconds(server_pid) if server_pid else None
    await asyncio.sleep(max(0.0, stop_at - time.perf_counter()))
    result.client_cpu_s = time.process_time() - client
    if server_pid and server is not None:
        result.server_cpu_s = cpu_seconds(server_pid) - server


async def client(
    host: str,
    port: int,
    paths: list[tuple[str, str]],
    stop_at: float,
    measure_from: float,
    result: Result,
) -> None:
    connection = Connection(host, port)
    i = 0
    try:
        while True:
            started = time.perf_counter()
            if started >= stop_at:
                return
            name, path = paths[i % len(paths)]
            i += 1
            try:
                status, body = await connection.get(path)
                ok = status == 200
                if not ok and len(result.error_examples) < 10:
                    result.error_examples.append(f"{status} {path}: {body[:200]!r}")
            except (OSError, asyncio.IncompleteReadError, RuntimeError) as exc:
                ok = False
                if len(result.error_examples) < 10:
                    result.error_examples.append(f"{type(exc).__name__} {path}: {exc}")
                await connection.close()
            elapsed_ms = (time.perf_counter() - started) * 1000
            if started < measure_from:
                continue
            if ok:
                result.latencies.setdefault(name, []).append(elapsed_ms)
            else:
                result.errors[name] = result.errors.get(name, 0) + 1
    finally:
        await connection.close()


async def run_load(
    base: str, names: list[str], sample: Sample, clients: int, duration: float, warmup: float,
    seed: int, server_pid: int | None = None,
) -> Result:  # fmt: skip
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    result = Result()
    now = time.perf_counter()
    measure_from, stop_at = now + warmup, now + warmup + duration
    tasks = []
    for c in range(clients):
        paths = paths_for(names, sample, random.Random(seed * 1000 + c), 5000)
        tasks.append(client(host, port, paths, stop_at, measure_from, result))
    tasks.append(cpu_used(server_pid, measure_from, stop_at, result))
    await asyncio.gather(*tasks)
    return result


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def summarise(result: Result, names: list[str], duration: float) -> dict:
    rows = {}
    for name in names:
        values = result.latencies.get(name, [])
        rows[name] = {
            "requests": len(values),
            "errors": result.errors.get(name, 0),
            "rps": round(len(values) / duration, 1),
            "mean_ms": round(statistics.fmean(values), 2) if values else None,
            "p50_ms": round(percentile(values, 50), 2) if values else None,
            "p90_ms": round(percentile(values, 90), 2) if values else None,
            "p99_ms": round(percentile(values, 99), 2) if values else None,
            "max_ms": round(max(values), 2) if values else None,
        }
        rows[name]["meets_target"] = bool(
            values
            and rows[name]["errors"] == 0
            and rows[name]["p50_ms"] < TARGET_P50_MS
            and rows[name]["p99_ms"] < TARGET_P99_MS
        )
    return rows


# -- a server to measure ---------------------------------------------------------------------


def run_event_loop(main: Any) -> Any:
    """Run the clients on uvloop when it is installed (it comes with uvicorn[standard]): the
    less CPU the clients take, the more is left for the server measured beside them."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "LINEAGE_BACKEND": "embedded", "LINEAGE_DB_PATH": str(db)}
    command = [
        sys.executable, "-m", "app.cli", "--db", str(db), "serve", "--host", "127.0.0.1",
        "--port", str(port), "--workers", str(workers), "--no-access-log",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with status {process.returncode}")
        try:
            if _fetch(base, "/health")["status"] == "ok":
                return process, base
        except OSError:
            time.sleep(0.25)
    process.terminate()
    raise SystemExit("the server did not answer /health within 120 s")


def stop_server(process: subprocess.Popen) -> None:
    # The server and its worker processes share a session this script started.
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", type=Path, help="embedded database: start `lineage serve` on it")
    where.add_argument("--url", help="base URL of a running server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--workers", type=int, default=1, help="server processes (with --db)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent connections")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds measured")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before measuring")
    parser.add_argument(
        "--endpoints",
        default=",".join(DEFAULT_ENDPOINTS),
        help=f"comma-separated, from: {', '.join(ENDPOINTS)}",
    )
    parser.add_argument("--ids", type=int, default=2000, help="agencies and functions to sample")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.endpoints.split(",") if n.strip()]
    unknown = [n for n in names if n not in ENDPOINTS]
    if unknown:
        parser.error(f"unknown endpoint(s): {', '.join(unknown)}")

    process = None
    base = args.url.rstrip("/") if args.url else None
    if args.db:
        if not args.db.exists():
            parser.error(f"no database at {args.db}: run `lineage --db {args.db} load ...` first")
        process, base = start_server(args.db, args.workers)
    assert base is not None
    try:
        health = _fetch(base, "/health")
        started = time.monotonic()
        sample = sample_ids(base, args.ids, random.Random(args.seed))
        print(
            f"sampled {len(sample.agencies)} agencies, {len(sample.functions)} functions, "
            f"{len(sample.jurisdictions)} jurisdictions in {time.monotonic() - started:.1f}s",
            file=sys.stderr,
        )
        result = run_event_loop(
            run_load(
                base, names, sample, args.clients, args.duration, args.warmup, args.seed,
                process.pid if process is not None else None,
            )
        )  # fmt: skip
    finally:
        if process is not None:
            stop_server(process)

    rows = summarise(result, names, args.duration)
    answered = sum(r["requests"] + r["errors"] for r in rows.values())
    cpu_ms = result.server_cpu_s * 1000 / answered if result.server_cpu_s and answered else None
    report = {
        "backend": health.get("backend"),
        "database": health.get("database"),
        "workers": args.workers if args.db else None,
        "clients": args.clients,
        "duration_s": args.duration,
        "cpus": os.cpu_count(),
        "target": {"p50_ms": TARGET_P50_MS, "p99_ms": TARGET_P99_MS, "errors": 0},
        "endpoints": rows,
        "total_rps": round(sum(r["requests"] for r in rows.values()) / args.duration, 1),
        "server_cpu_ms_per_request": round(cpu_ms, 3) if cpu_ms else None,
        "client_cpu_ms_per_request": (
            round(result.client_cpu_s * 1000 / answered, 3) if answered else None
        ),
        "error_examples": result.error_examples,
    }
    header = f"{'endpoint':<10}{'requests':>10}{'rps':>9}{'errors':>8}"
    header += f"{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}  target"
    print(
        f"{report['backend']} ({report['database']}), {args.clients} clients, "
        f"{args.duration:.0f} s, {report['workers'] or '?'} worker(s), {os.cpu_count()} CPUs"
    )
    print(header)
    for name, row in rows.items():
        print(
            f"{name:<10}{row['requests']:>10}{row['rps']:>9}{row['errors']:>8}"
            f"{row['p50_ms'] or 0:>9.2f}{row['p90_ms'] or 0:>9.2f}{row['p99_ms'] or 0:>9.2f}"
            f"{row['max_ms'] or 0:>9.2f}  {'met' if row['meets_target'] else 'MISSED'}"
        )
    print(f"total {report['total_rps']} requests/s")
    if cpu_ms:
        print(f"server CPU {cpu_ms:.2f} ms per request (all worker processes)")
    if answered:
        print(f"client CPU {result.client_cpu_s * 1000 / answered:.2f} ms per request")
    for example in result.error_examples:
        print(f"error: {example}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 1 if any(r["errors"] for r in rows.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
