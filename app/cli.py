"""The `lineage` command line: thin commands over the core service and the loader."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from app import render
from app.errors import DatasetInvalid, LineageError
from app.service import DEFAULT_DEPTH, DIRECTIONS, LineageService
from app.settings import BUNDLED_DATA, Settings
from app.storage import open_store

# Piped output is read by people too: wide enough for Chinese names, never cut short.
out = Console(highlight=False, markup=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False, markup=False)


class Context:
    """Settings built once at the edge; the store and service opened on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._service: LineageService | None = None

    @property
    def service(self) -> LineageService:
        if self._service is None:
            self._service = LineageService(open_store(self.settings))
        return self._service


def _emit(data: Any, as_json: bool, show: Callable[[Console, Any], None]) -> None:
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        show(out, data)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    help="Embedded database file (default: LINEAGE_DB_PATH or ./lineage.lbug).",
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """Institutional lineage: where functions went, what became of agencies, with sources."""
    settings = Settings()
    if db is not None:
        settings = settings.model_copy(update={"db_path": db})
    ctx.obj = Context(settings)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check dataset files against every consistency rule (default: the bundled dataset)."""
    from loaders.validate import validate_paths

    validated = validate_paths(list(paths) or [BUNDLED_DATA])
    for problem in validated.errors:
        click.echo(f"error: {problem}")
    for problem in validated.warnings:
        click.echo(f"warning: {problem}")
    data = validated.dataset
    summary = (
        f"{len(data.files)} file(s): {len(data.agencies)} agencies, {len(data.functions)} "
        f"functions, {len(data.events)} events, {len(data.reforms)} reforms; "
        f"{len(validated.errors)} error(s), {len(validated.warnings)} warning(s)"
    )
    click.echo(summary)
    if validated.errors:
        sys.exit(1)


class _LoadProgress:
    """A progress bar that appears only once a load has taken more than a second."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Progress | None = None
        self.task: Any = None

    def __call__(self, step: str, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.started < 1.0:
                return
            # Refreshed on each step rather than by a timer thread, which would contend with
            # the load for the interpreter.
            self.bar = Progress(
                TextColumn("writing {task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=True,
                auto_refresh=False,
            )
            self.bar.start()
            self.task = self.bar.add_task(step, total=total)
        self.bar.update(self.task, completed=done, description=step)
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def load(obj: Context, paths: tuple[Path, ...]) -> None:
    """Validate, derive and write a dataset (default: the bundled one), replacing the graph."""
    from loaders.load import load_paths

    started = time.monotonic()
    progress = _LoadProgress()
    store = obj.service.store
    if err.is_terminal:
        err.print("parsing and validating…")
    try:
        report = load_paths(store, list(paths) or [BUNDLED_DATA], progress)
    finally:
        progress.close()
    for problem in report.warnings:
        click.echo(f"warning: {problem}", err=True)
    render.counts(out, store.counts())
    out.print(
        f"loaded {len(report.files)} file(s) into {store.describe()} "
        f"in {time.monotonic() - started:.1f}s"
    )


@cli.command()
@click.argument("text")
@click.option("--kind", type=click.Choice(["agency", "function"]), help="Only this kind.")
@click.option("--limit", default=20, show_default=True, help="Most results to show.")
@json_option
@click.pass_obj
def search(obj: Context, text: str, kind: str | None, limit: int, as_json: bool) -> None:
    """Agencies and functions by any name, former name or alias (简体 or 繁體)."""
    _emit(obj.service.search(text, kind=kind, limit=limit), as_json, render.search)


@cli.command()
@click.argument("function")
@json_option
@click.pass_obj
def trail(obj: Context, function: str, as_json: bool) -> None:
    """Where a function went: every holder in order, with the events and their sources."""
    _emit(obj.service.function_trail(function), as_json, render.trail)


@cli.command()
@click.argument("agency")
@json_option
@click.pass_obj
def agency(obj: Context, agency: str, as_json: bool) -> None:
    """An agency: names over time, dates, events, functions now and before, sources."""
    _emit(obj.service.agency(agency), as_json, render.agency)


@cli.command()
@click.argument("agency")
@click.option("--direction", type=click.Choice(DIRECTIONS), default="both", show_default=True)
@click.option("--depth", default=DEFAULT_DEPTH, show_default=True, help="Steps to follow, 1-10.")
@click.option("--at", help="Only what existed on this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@json_option
@click.pass_obj
def lineage(
    obj: Context, agency: str, direction: str, depth: int, at: str | None, as_json: bool
) -> None:
    """What an agency came from and what became of it, through merges, splits and abolitions."""
    _emit(obj.service.lineage(agency, direction, depth, at), as_json, render.lineage)


@cli.command()
@click.argument("jurisdiction")
@click.argument("at")
@json_option
@click.pass_obj
def snapshot(obj: Context, jurisdiction: str, at: str, as_json: bool) -> None:
    """The agencies of a jurisdiction alive on a date, with the names they bore then."""
    _emit(obj.service.snapshot(jurisdiction, at), as_json, render.snapshot)


@cli.command()
@click.argument("jurisdiction")
@json_option
@click.pass_obj
def devolved(obj: Context, jurisdiction: str, as_json: bool) -> None:
    """Functions and item counts devolved to a jurisdiction (a town, a zone)."""
    _emit(obj.service.devolutions(jurisdiction), as_json, render.devolutions)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Processes."
)
@click.option("--access-log/--no-access-log", default=True, help="Log every request.")
@click.pass_obj
def serve(obj: Context, host: str, port: int, workers: int, access_log: bool) -> None:
    """Start the HTTP API (loads the bundled dataset first if the embedded database is missing)."""
    from app.api.server import serve as run

    run(obj.settings, host=host, port=port, workers=workers, access_log=access_log)


def main() -> None:
    """Entry point: core errors become one line on stderr and a non-zero exit."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        err.print("aborted")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except DatasetInvalid as exc:
        for problem in exc.problems:
            click.echo(f"{problem.severity}: {problem}", err=True)
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    except LineageError as exc:
        line = f"error: {exc.message}"
        if exc.hint:
            line += f" ({exc.hint})"
        click.echo(line, err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
