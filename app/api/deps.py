"""Request dependencies: the process's one service, and the shared parameter declarations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import orjson
from fastapi import Depends, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from app.api.models import DATE_PATTERN
from app.service import LineageService


async def get_service(request: Request) -> LineageService:
    """The process's service. Async so that it costs no trip through the thread pool: it only
    hands over an object that exists after the first request (which opens the store)."""
    return request.app.state.services.get()


Service = Annotated[LineageService, Depends(get_service)]


async def point_answer(service: LineageService, method: Callable[..., Any], *args: Any) -> Response:
    """A bounded answer about one record (an agency, a function, an event, a lineage), as JSON.

    With an in-process engine it is computed on the event loop: it takes a few point lookups
    and about a millisecond of CPU, less than handing it to a worker thread and back costs, and
    a thread would gain nothing while the answer is being assembled under the interpreter lock.
    An engine across a network answers from a worker thread, so that waiting on it does not
    hold up other requests. Scans (snapshots, diffs, pages, catalog queries) always use threads.

    The answer is encoded as it is: the service builds exactly the route's response model
    (tests/test_api_models.py holds it to that), so validating it again would only cost time.
    """
    if service.store.in_process:
        answer = method(*args)
    else:
        answer = await run_in_threadpool(method, *args)
    return Response(orjson.dumps(answer), media_type="application/json")


AgencyId = Annotated[
    str,
    Path(
        description="Agency id, or a name, former name or alias (简体 or 繁體)",
        examples=["nanchang.natural-resources"],
    ),
]
FunctionId = Annotated[
    str,
    Path(
        description="Function id, or a name or alias (简体 or 繁體)",
        examples=["nanchang.building-planning-permit"],
    ),
]
JurisdictionId = Annotated[str, Path(description="Jurisdiction id", examples=["nanchang"])]


def date_query(description: str, example: str = "2021-12", alias: str | None = None) -> object:
    """A date in the query string: YYYY, YYYY-MM or YYYY-MM-DD."""
    return Query(pattern=DATE_PATTERN, description=description, examples=[example], alias=alias)
