"""The OpenAPI document of the HTTP API, as committed in docs/openapi.json for clients.

python -m app.api.openapi docs/openapi.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from app.settings import PROJECT_ROOT

COMMITTED = PROJECT_ROOT / "docs" / "openapi.json"


def document() -> dict[str, Any]:
    from app.api import create_app
    from app.settings import Settings

    return create_app(Settings(LINEAGE_CORS_ORIGINS=[])).openapi()


def render() -> str:
    return json.dumps(document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if args:
        Path(args[0]).parent.mkdir(parents=True, exist_ok=True)
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
