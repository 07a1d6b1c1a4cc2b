"""Benchmark the whole `lineage load` and the core service's queries on a generated dataset.

    python bench/generate.py /tmp/bench-data --agencies 200000 --events 400000
    python bench/run.py /tmp/bench-data --db /tmp/bench.lbug

Prints load time and peak memory (resident set of the load process and its workers, sampled),
then median and p90 latencies of search, function trail, lineage at depth 10 and snapshot over
many random parameters, measured in the core service.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.service import LineageService  # noqa: E402
from app.storage.embedded import EmbeddedStore  # noqa: E402


def _rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB."""
    total = 0
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        for task in Path(f"/proc/{pid}/task").iterdir():
            children = (task / "children").read_text().split()
            total += sum(_rss_kib(int(child)) for child in children)
    except (FileNotFoundError, ProcessLookupError):
        pass
    return total


def measure_load(data: Path, db: Path) -> tuple[float, float]:
    """Wall seconds and peak MiB of `lineage load` run as its own process."""
    command = [sys.executable, "-m", "app.cli", "--db", str(db), "load", str(data)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _rss_kib(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = process.communicate()
    sampler.join()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"load failed:\n{err.decode()}")
    print(out.decode().strip().splitlines()[-1])
    return elapsed, peak / 1024


def latencies(call: Callable[[], object], samples: int) -> tuple[float, float]:
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="dataset directory (bench/generate.py output)")
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench.lbug"))
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--skip-load", action="store_true", help="reuse an existing --db")
    parser.add_argument("--load-only", action="store_true", help="measure the load, no queries")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    if not args.skip_load:
        seconds, peak_mib = measure_load(args.data, args.db)
        print(f"load: {seconds:.1f} s wall, peak memory {peak_mib:.0f} MiB")
    if args.load_only:
        return

    # Configured as the HTTP service configures it: point queries on one thread each.
    store = EmbeddedStore(args.db, threads_per_query=1)
    service = LineageService(store)
    rng = random.Random(args.seed)
    agencies = [r["id"] for r in store.read("MATCH (a:Agency) RETURN a.id AS id", {})]
    names = [r["name"] for r in store.read("MATCH (a:Agency) RETURN a.name AS name", {})]
    functions = [
        r["id"]
        for r in store.read("MATCH (:Agency)-[:HELD]->(f:Function) RETURN DISTINCT f.id AS id", {})
    ]
    chained = [
        r["id"]
        for r in store.read(
            "MATCH (a:Agency)-[:SUCCEEDED_BY]->(:Agency)-[:SUCCEEDED_BY]->(:Agency) "
            "RETURN DISTINCT a.id AS id LIMIT 5000",
            {},
        )
    ] or agencies
    jurisdictions = [
        r["id"]
        for r in store.read(
            "MATCH (a:Agency)-[:`IN`]->(j:Jurisdiction) RETURN DISTINCT j.id AS id", {}
        )
    ]
    counts = store.counts()
    print(
        f"graph: {counts['Agency']} agencies, {counts['Event']} events, {counts['Function']} "
        f"functions, {counts['HELD']} HELD, {counts['SUCCEEDED_BY']} SUCCEEDED_BY"
    )

    def search_term() -> str:
        name = rng.choice(names)
        start = rng.randrange(max(1, len(name) - 3))
        return name[start : start + rng.choice((2, 3, 4))]

    def random_date() -> str:
        return f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-01"

    cases = {
        "search": lambda: service.search(search_term(), limit=20),
        "function trail": lambda: service.function_trail(rng.choice(functions)),
        "lineage depth 10": lambda: service.lineage(rng.choice(chained), "both", 10),
        "snapshot": lambda: service.snapshot(rng.choice(jurisdictions), random_date()),
        "agency": lambda: service.agency(rng.choice(agencies)),
    }
    for name, call in cases.items():
        call()  # warm the engine's caches once
        median, p90 = latencies(call, args.samples)
        print(f"{name:>16}: median {median:6.2f} ms   p90 {p90:6.2f} ms   ({args.samples} samples)")
    store.close()


if __name__ == "__main__":
    main()
