"""docker-compose.yml and the Dockerfile: what `docker compose up` promises, checked without a
Docker engine. A real compose tool (`docker compose` or `docker-compose`) validates the file and
resolves the env file; without one the check skips, unless LINEAGE_REQUIRE_COMPOSE=1 (CI) makes
that a failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from app.settings import PROJECT_ROOT, Settings

COMPOSE_FILE = PROJECT_ROOT / "docker-compose.yml"
DOCKERFILE = PROJECT_ROOT / "Dockerfile"
ENV_EXAMPLE = PROJECT_ROOT / ".env.example"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def _env_example() -> dict[str, str]:
    pairs = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def _compose_tool() -> list[str] | None:
    """The command of a compose implementation on this machine, or None."""
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run([docker, "compose", "version"], capture_output=True, check=False)
        if probe.returncode == 0:
            return [docker, "compose"]
    standalone = shutil.which("docker-compose")
    return [standalone] if standalone else None


@pytest.fixture(scope="module")
def compose_tool() -> list[str]:
    tool = _compose_tool()
    if tool is None:
        message = "no compose tool: install docker-compose (or the docker compose plugin)"
        if os.environ.get("LINEAGE_REQUIRE_COMPOSE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return tool


def resolved(tool: list[str], project: Path, env_file: Path | None = None) -> dict:
    """The compose file as the tool resolves it: validated, env file applied, defaults filled."""
    command = [*tool, "--project-directory", str(project), "-f", str(COMPOSE_FILE)]
    if env_file is not None:
        command += ["--env-file", str(env_file)]
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "LINEAGE_"))}
    result = subprocess.run(
        [*command, "config"], capture_output=True, text=True, env=environment, check=False
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_a_compose_tool_validates_the_file(compose_tool: list[str], tmp_path: Path) -> None:
    no_env = tmp_path / "empty.env"  # the defaults, whatever .env a developer keeps
    no_env.write_text("", "utf-8")
    config = resolved(compose_tool, PROJECT_ROOT, no_env)
    assert set(config["services"]) == {"neo4j", "loader", "api"}
    password = _env_example()["NEO4J_PASSWORD"]
    assert config["services"]["neo4j"]["environment"]["NEO4J_AUTH"] == f"neo4j/{password}"


def test_the_env_file_sets_the_password_everywhere(compose_tool: list[str], tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("NEO4J_PASSWORD=another-secret\nLINEAGE_API_PORT=8123\n", "utf-8")
    services = resolved(compose_tool, PROJECT_ROOT, env_file)["services"]
    assert services["neo4j"]["environment"]["NEO4J_AUTH"] == "neo4j/another-secret"
    assert "another-secret" in services["neo4j"]["healthcheck"]["test"]
    for client in ("loader", "api"):
        assert services[client]["environment"]["NEO4J_PASSWORD"] == "another-secret"
    published = {str(p["published"]) for p in services["api"]["ports"]}
    assert published == {"8123"}


def test_the_documented_default_is_the_one_everything_uses(compose: dict) -> None:
    password = _env_example()["NEO4J_PASSWORD"]
    assert len(password) >= 8  # Neo4j 5 refuses shorter passwords
    assert Settings.model_fields["neo4j_password"].default == password
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    defaults = set(re.findall(r"\$\{NEO4J_PASSWORD:-([^}]*)\}", text))
    assert defaults == {password}


def test_neo4j_is_community_with_browser_bolt_volume_and_healthcheck(compose: dict) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5-community"
    targets = {port.split(":")[-1] for port in neo4j["ports"]}
    assert targets == {"7474", "7687"}
    volume, _, mount = neo4j["volumes"][0].partition(":")
    assert mount == "/data" and volume in compose["volumes"]
    assert "cypher-shell" in neo4j["healthcheck"]["test"]
    assert "NEO4J_AUTH" in neo4j["environment"]
    # The image turns every other NEO4J_* variable into a server setting: none may slip in.
    assert set(neo4j["environment"]) == {"NEO4J_AUTH"}


def test_the_loader_runs_once_neo4j_is_healthy(compose: dict) -> None:
    loader = compose["services"]["loader"]
    assert loader["command"] == ["lineage", "load"]
    assert loader["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert loader["restart"] == "no"
    assert loader["environment"]["LINEAGE_BACKEND"] == "neo4j"
    assert loader["environment"]["NEO4J_URI"].endswith("://neo4j:7687")


def test_the_api_runs_on_neo4j_after_the_load(compose: dict) -> None:
    api = compose["services"]["api"]
    assert api["build"] == "."
    assert api["command"][:2] == ["lineage", "serve"] and "0.0.0.0" in api["command"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["depends_on"]["loader"]["condition"] == "service_completed_successfully"
    assert api["environment"] == compose["services"]["loader"]["environment"]
    assert any(port.endswith(":8000") for port in api["ports"])


def test_the_image_holds_what_the_app_reads_at_run_time() -> None:
    lines = DOCKERFILE.read_text(encoding="utf-8").splitlines()
    copied = {line.split()[1] for line in lines if line.startswith("COPY ")}
    # The code, the query catalog and the bundled dataset; app/settings.py finds cypher/ and
    # data/ beside app/, so the package is installed in place (editable).
    assert {"app", "loaders", "cypher", "data"} <= copied
    assert any("--editable ." in line for line in lines)
    assert lines[0].startswith("#") and any(line.startswith("FROM python:3.11") for line in lines)
    ignored = (PROJECT_ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert not {"app", "loaders", "cypher", "data"} & set(ignored)
