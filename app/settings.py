"""Settings from the environment, in one typed object built at the edge (CLI, API factory)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA = PROJECT_ROOT / "data"


class Settings(BaseSettings):
    """`LINEAGE_*` and `NEO4J_*` environment variables; see README for each."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    backend: Literal["embedded", "neo4j"] = Field("embedded", alias="LINEAGE_BACKEND")
    db_path: Path = Field(Path("lineage.lbug"), alias="LINEAGE_DB_PATH")
    # The embedded engine's write buffer while `lineage load` writes the database, in MiB: the
    # bulk copy of the largest table must fit in it (200,000 agencies need more than 768).
    write_buffer_mb: int = Field(1024, alias="LINEAGE_WRITE_BUFFER_MB", ge=64)
    neo4j_uri: str | None = Field(None, alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", alias="NEO4J_USER")
    neo4j_password: str = Field("lineage-graph", alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", alias="NEO4J_DATABASE")
    cors_origins: list[str] = Field(
        default_factory=lambda: [
            "http://localhost",
            "http://localhost:3000",
            "http://localhost:5173",
            "http://127.0.0.1",
            "http://127.0.0.1:3000",
            "http://127.0.0.1:5173",
        ],
        alias="LINEAGE_CORS_ORIGINS",
    )
