"""Response models of the HTTP API: the public, documented shape of every answer.

Dates are text at the precision the source gives (`2021`, `2021-12` or `2021-12-17`). Every
answer about agencies, functions or events carries `sources`: the documents that support it,
each with title, publisher, publication date, address (url) and locator (pN: the N-th
paragraph of the source).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
DateText = str


class Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


# -- shared pieces ---------------------------------------------------------------------------


class Source(Model):
    """A citation: the document that supports a record and where in it."""

    id: str = Field(description="Source id")
    title: str = Field(description="The document's own title, as published")
    publisher: str
    published: DateText | None = Field(description="Publication date")
    url: str | None = Field(description="Address of the document, where known")
    locator: str | None = Field(description="Where in the document: pN is the N-th paragraph")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "nanchang-daily-2021-12-17",
                    "title": "把握机构调整契机 凝聚城市发展合力",
                    "publisher": "南昌日报",
                    "published": "2021-12-17",
                    "url": "http://example.org/article",
                    "locator": "p4",
                }
            ]
        }
    )


class Ref(Model):
    id: str
    name: str | None


class AgencyRef(Ref):
    jurisdiction_id: str | None


class JurisdictionRef(Model):
    id: str | None
    name: str | None


class Jurisdiction(Model):
    id: str
    name: str
    level: str = Field(
        description="province, prefecture, county, district, town, subdistrict, zone"
    )
    parent_id: str | None


class EventFunctions(Model):
    moves: list[Ref] = Field(description="Functions passed from the FROM side to the TO side")
    creates: list[Ref] = Field(description="Functions that begin here")
    retires: list[Ref] = Field(description="Functions that end here")
    lapses: list[Ref] = Field(description="Functions that end with the FROM agencies, unmoved")


class Event(Model):
    """An event: what happened to which agencies and functions, when, and on whose word."""

    id: str
    type: str = Field(
        description="ESTABLISH, RENAME, MERGE, SPLIT, ABOLISH, TRANSFER, DEVOLVE, CO_LOCATE or "
        "RESTRUCTURE"
    )
    date: DateText | None
    date_precision: str | None = Field(description="day, month or year")
    jurisdiction_id: str | None
    reform_id: str | None
    item_count: int | None = Field(description="Items moved, where the source gives a number")
    old_name: str | None = Field(description="RENAME: the name before")
    new_name: str | None = Field(description="RENAME: the name after")
    note: str | None
    from_: list[Ref] = Field(alias="from", description="Agencies that give something up or cease")
    to: list[Ref] = Field(description="Agencies that receive or result")
    functions: EventFunctions
    sources: list[Source]


class AgencyEvent(Event):
    sides: list[str] = Field(description="The sides the agency took in the event: FROM, TO")


class TrailEvent(Event):
    role: str = Field(
        description="What the event did to the function: MOVES, CREATES, RETIRES, LAPSES"
    )


# -- health and errors -----------------------------------------------------------------------


class Health(Model):
    status: Literal["ok"]
    backend: str = Field(description="embedded or neo4j")
    engine: str = Field(description="The catalog variant the engine runs: ladybug or neo4j")
    database: str = Field(description="Where the data lives")
    sources: int = Field(description="Source documents loaded")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "backend": "embedded",
                    "engine": "ladybug",
                    "database": "embedded database lineage.lbug",
                    "sources": 5,
                }
            ]
        }
    )


class ErrorDetail(Model):
    loc: list[str | int] = Field(description="Where the problem is: query, path, parameter name")
    message: str
    type: str


class Candidate(Model):
    id: str
    name: str | None


class ErrorInfo(Model):
    status: int = Field(description="The HTTP status, repeated")
    code: str = Field(
        description="not_found, ambiguous_name, invalid_input, method_not_allowed, "
        "backend_unavailable, query_failed or internal_error"
    )
    message: str
    hint: str | None = Field(description="What to do about it, where there is something to do")
    candidates: list[Candidate] = Field(description="ambiguous_name: the records a name matches")
    details: list[ErrorDetail] = Field(description="invalid_input: each parameter at fault")


class ErrorResponse(Model):
    """Every error, on every route, has this shape."""

    error: ErrorInfo

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "status": 404,
                        "code": "not_found",
                        "message": "no agency with id or name 'nanchang.nothing'",
                        "hint": "try `lineage search`",
                        "candidates": [],
                        "details": [],
                    }
                }
            ]
        }
    )


# -- search ----------------------------------------------------------------------------------


class SearchHit(Model):
    id: str
    kind: Literal["agency", "function"]
    name: str = Field(description="The record's latest name")
    matched_name: str = Field(description="The name, former name or alias that matched")
    jurisdiction: str | None = Field(description="Jurisdiction id (agencies)")


class SearchResults(Model):
    query: str
    results: list[SearchHit]
    sources: list[Source]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "行政審批局",
                    "results": [
                        {
                            "id": "nanchang.administrative-approval",
                            "kind": "agency",
                            "name": "南昌市行政审批局",
                            "matched_name": "市行政审批局",
                            "jurisdiction": "nanchang",
                        }
                    ],
                    "sources": [],
                }
            ]
        }
    )


# -- agencies --------------------------------------------------------------------------------


class NameSpan(Model):
    name: str
    since: DateText | None = Field(description="null: borne since before the records begin")
    until: DateText | None = Field(description="null: still borne")
    event_id: str | None = Field(description="The event that gave the name")


class Holding(Model):
    id: str
    name: str
    category: str | None
    item_count: int | None
    since: DateText | None = Field(description="null: held since before the records begin")
    until: DateText | None = Field(description="null: still held")
    event_in: str | None
    event_out: str | None


class AgencyFunctions(Model):
    current: list[Holding] = Field(description="Functions held now")
    former: list[Holding] = Field(description="Functions held before")


class Part(Model):
    id: str
    name: str
    kind: str


class Agency(Model):
    """An agency over time: names, dates, events, functions now and before."""

    id: str
    name: str = Field(description="Latest name")
    former_names: list[str]
    aliases: list[str] = Field(description="Other forms of the name (short forms)")
    names: list[NameSpan] = Field(description="Names over time, oldest first")
    kind: str
    jurisdiction: JurisdictionRef
    part_of: str | None = Field(description="Host agency, for branches, internal units, plaques")
    parts: list[Part] = Field(description="Branches, internal units and plaques (牌子)")
    established: DateText | None
    established_by: str | None
    dissolved: DateText | None
    dissolved_by: str | None
    note: str | None
    events: list[AgencyEvent]
    functions: AgencyFunctions
    predecessors: list[str] = Field(description="Agencies it succeeded (ids)")
    successors: list[str] = Field(description="Agencies that succeeded it (ids)")
    sources: list[Source]


class LineageNode(Model):
    id: str
    name: str
    kind: str
    jurisdiction_id: str | None
    established: DateText | None
    dissolved: DateText | None
    depth: int = Field(description="Steps from the root")


class LineageEdge(Model):
    source: str = Field(description="The predecessor agency")
    target: str = Field(description="The successor agency")
    type: str = Field(description="ESTABLISH, MERGE, SPLIT or ABOLISH")
    date: DateText | None
    event_id: str


class Lineage(Model):
    """A bounded succession graph around one agency."""

    root: str
    direction: Literal["predecessors", "successors", "both"]
    depth: int
    at: str | None = Field(description="Only what existed on this date, if given")
    nodes: list[LineageNode]
    edges: list[LineageEdge]
    truncated: bool = Field(description="True if the depth or size cap cut the graph short")
    sources: list[Source]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "root": "nanchang.administrative-approval",
                    "direction": "successors",
                    "depth": 3,
                    "at": None,
                    "nodes": [
                        {
                            "id": "nanchang.administrative-approval",
                            "name": "南昌市行政审批局",
                            "kind": "government",
                            "jurisdiction_id": "nanchang",
                            "established": None,
                            "dissolved": "2021-12",
                            "depth": 0,
                        }
                    ],
                    "edges": [],
                    "truncated": False,
                    "sources": [],
                }
            ]
        }
    )


# -- functions -------------------------------------------------------------------------------


class HolderInterval(Model):
    agency: AgencyRef
    since: DateText | None = Field(description="null: held since before the records begin")
    until: DateText | None = Field(description="null: still held")
    event_in: str | None
    event_out: str | None


class FunctionRecord(Model):
    id: str
    name: str
    aliases: list[str]
    category: str = Field(
        description="licensing, penalty, approval_service, planning, supervision, coordination, "
        "service, other"
    )
    item_count: int | None = Field(description="For bundles such as 215 approval items")
    note: str | None


class Function(FunctionRecord):
    """A function: who holds it now, who held it before, where it came from and went."""

    holders: list[HolderInterval] = Field(description="Holders in order, with intervals")
    current: list[AgencyRef] = Field(description="Holders now")
    predecessors: list[Ref] = Field(description="Functions retired by the event that created it")
    successors: list[Ref] = Field(description="Functions created by the event that retired it")
    created_by: str | None
    retired_by: str | None
    event_ids: list[str] = Field(description="Events that moved, created or retired it, in order")
    sources: list[Source]


class FunctionTrail(Model):
    """Where a function went: every holder in order, with the events and their sources."""

    function: FunctionRecord
    holders: list[HolderInterval]
    current: list[AgencyRef]
    events: list[TrailEvent]
    predecessors: list[Ref]
    successors: list[Ref]
    retired_by: str | None
    created_by: str | None
    sources: list[Source]


# -- jurisdictions ---------------------------------------------------------------------------


class Jurisdictions(Model):
    jurisdictions: list[Jurisdiction]


class SnapshotFunction(Model):
    id: str
    name: str
    item_count: int | None


class SnapshotAgency(Model):
    id: str
    name: str = Field(description="The name it bore on the date")
    current_name: str
    kind: str
    part_of: str | None
    functions: list[SnapshotFunction] = Field(description="Functions it held on the date")
    sources: list[Source]


class Snapshot(Model):
    """The organisation chart of a jurisdiction on a date."""

    jurisdiction: Jurisdiction
    at: str
    count: int
    agencies: list[SnapshotAgency]
    sources: list[Source]


class Devolution(Model):
    event_id: str
    date: DateText | None
    reform_id: str | None
    agencies: list[Ref] = Field(description="The jurisdiction's agencies that received it")
    function: Ref
    category: str | None
    item_count: int | None
    sources: list[Source]


class Devolutions(Model):
    """Functions and item counts devolved to a jurisdiction's agencies, by event."""

    jurisdiction: Jurisdiction
    devolutions: list[Devolution]
    total_items: int
    sources: list[Source]


class AgencyChange(Model):
    id: str
    name: str
    kind: str
    date: DateText | None
    event_id: str | None
    event_type: str | None
    sources: list[Source]


class RenameChange(Model):
    agency: Ref
    old_name: str | None
    new_name: str | None
    date: DateText | None
    event_id: str
    sources: list[Source]


class EventChange(Model):
    event_id: str
    type: str
    date: DateText | None
    from_: list[Ref] = Field(alias="from")
    to: list[Ref]
    functions: list[Ref]
    item_count: int | None
    reform_id: str | None
    sources: list[Source]


class DiffCounts(Model):
    agencies_before: int = Field(description="Agencies alive on `from`")
    agencies_after: int = Field(description="Agencies alive on `to`")
    events: int
    established: int
    abolished: int
    renamed: int
    merged: int = Field(description="MERGE events")
    split: int = Field(description="SPLIT events")
    functions_moved: int = Field(description="Function moves outside devolutions")
    functions_devolved: int
    functions_created: int = Field(description="Events that created functions")
    functions_retired: int = Field(description="Events that retired functions")
    items_devolved: int = Field(description="Approval items devolved, where sources count them")


class Diff(Model):
    """What changed in a jurisdiction after `from`, up to and on `to`."""

    jurisdiction: Jurisdiction
    from_: str = Field(alias="from")
    to: str
    established: list[AgencyChange]
    abolished: list[AgencyChange]
    renamed: list[RenameChange]
    merged: list[EventChange]
    split: list[EventChange]
    functions_moved: list[EventChange]
    functions_devolved: list[EventChange]
    functions_created: list[EventChange]
    functions_retired: list[EventChange]
    counts: DiffCounts
    event_ids: list[str]
    sources: list[Source]


# -- events, reforms, sources ----------------------------------------------------------------


class EventFilters(Model):
    jurisdiction: str | None
    type: str | None
    from_: str | None = Field(alias="from")
    to: str | None


class EventPage(Model):
    """One page of the timeline, in (date, id) order."""

    events: list[Event]
    count: int
    limit: int
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end"
    )
    filters: EventFilters
    sources: list[Source]


class Measure(Model):
    name: str
    before: int | float | None
    after: int | float | None
    unit: str | None


class ReformCounts(Model):
    events: int
    by_type: dict[str, int]


class Reform(Model):
    """A reform: approval, documents, measures (e.g. 党政机构 39 → 37) and its events."""

    id: str
    name: str
    jurisdiction: JurisdictionRef
    approved: DateText | None
    documents: list[str] = Field(description="Document numbers (文号)")
    note: str | None
    measures: list[Measure]
    events: list[Event]
    counts: ReformCounts
    sources: list[Source]


class SupportedEvent(Model):
    id: str
    type: str
    locator: str | None


class SupportedRecord(Model):
    id: str
    name: str
    locator: str | None


class SourceSupports(Model):
    events: list[SupportedEvent]
    agencies: list[SupportedRecord]
    functions: list[SupportedRecord]
    reforms: list[SupportedRecord]


class SourceCounts(Model):
    events: int
    agencies: int
    functions: int
    reforms: int


class SourceDocument(Model):
    """A source document and the records it supports, with locators."""

    id: str
    title: str
    publisher: str
    published: DateText | None
    url: str | None
    script: str = Field(description="zh-Hans or zh-Hant")
    locators: str | None = Field(description="How the document's locators count")
    supports: SourceSupports
    counts: SourceCounts
    truncated: bool = Field(description="True if a list was capped (counts are complete)")


# -- the query catalog -----------------------------------------------------------------------


class QueryParameter(Model):
    name: str
    type: Literal["string", "list", "date", "integer"] = Field(
        description="list: repeat the parameter or separate values by commas; date: YYYY, YYYY-MM "
        "or YYYY-MM-DD"
    )
    description: str


class CatalogQuery(Model):
    name: str
    answers: str = Field(description="The question the query answers")
    parameters: list[QueryParameter]
    engines: list[str] = Field(description="Engines with their own variant of the text")
    cypher: str = Field(description="The Cypher text this service runs")


class CatalogListing(Model):
    queries: list[CatalogQuery]


class QueryRows(Model):
    """Rows of one catalog query, as a notebook would fetch them."""

    query: str
    parameters: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
    row_count: int
    truncated: bool = Field(description="True if the rows were capped")
