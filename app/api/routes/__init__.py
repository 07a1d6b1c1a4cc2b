"""Route modules, each thin over the core service; ROUTERS in the order the docs list them."""

from app.api.routes import (
    agencies,
    catalog,
    events,
    functions,
    jurisdictions,
    meta,
    search,
    sources,
)

ROUTERS = [
    meta.router,
    search.router,
    agencies.router,
    functions.router,
    jurisdictions.router,
    events.router,
    sources.router,
    catalog.router,
]
