// Graph schema for Neo4j 5: the same labels, relationship types and properties as
// cypher/schema/ladybug.cypher, which types every property (Neo4j itself is schemaless; dates are
// DATE values, lists are lists). Neo4j needs no table declarations, only what keeps the data
// sound and the Browser fast: one unique id per label, indexes on the names researchers look up
// and on the dates they filter by. Every statement is idempotent; the loader runs them all before
// each load, so a server that lost an index gets it back.

// One record per id, per label.
CREATE CONSTRAINT jurisdiction_id IF NOT EXISTS FOR (n:Jurisdiction) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT function_id IF NOT EXISTS FOR (n:Function) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT reform_id IF NOT EXISTS FOR (n:Reform) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT measure_id IF NOT EXISTS FOR (n:Measure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;

// Names: exact lookups (MATCH (a:Agency {name: '南昌市行政审批局'})) and prefixes (STARTS WITH).
CREATE INDEX jurisdiction_name IF NOT EXISTS FOR (n:Jurisdiction) ON (n.name);
CREATE INDEX agency_name IF NOT EXISTS FOR (n:Agency) ON (n.name);
CREATE INDEX function_name IF NOT EXISTS FOR (n:Function) ON (n.name);
CREATE INDEX reform_name IF NOT EXISTS FOR (n:Reform) ON (n.name);
CREATE INDEX source_title IF NOT EXISTS FOR (n:Source) ON (n.title);

// Substring search over every name, former name and alias (folded to simplified, lower case):
// WHERE a.search_text CONTAINS '审批局'.
CREATE TEXT INDEX agency_search_text IF NOT EXISTS FOR (n:Agency) ON (n.search_text);
CREATE TEXT INDEX function_search_text IF NOT EXISTS FOR (n:Function) ON (n.search_text);

// Dates: snapshots, timelines and diffs filter on these.
CREATE INDEX agency_established IF NOT EXISTS FOR (n:Agency) ON (n.established);
CREATE INDEX agency_dissolved IF NOT EXISTS FOR (n:Agency) ON (n.dissolved);
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type);
CREATE INDEX reform_approved IF NOT EXISTS FOR (n:Reform) ON (n.approved);
CREATE INDEX source_published IF NOT EXISTS FOR (n:Source) ON (n.published);
CREATE INDEX held_since IF NOT EXISTS FOR ()-[r:HELD]-() ON (r.since);
CREATE INDEX held_until IF NOT EXISTS FOR ()-[r:HELD]-() ON (r.until);
CREATE INDEX succeeded_by_date IF NOT EXISTS FOR ()-[r:SUCCEEDED_BY]-() ON (r.date);

// Loading: a new graph is written under the label _Loading (and _Loading_<Label>) and switched in
// when complete; this index finds its nodes while its relationships are written.
CREATE INDEX loading_id IF NOT EXISTS FOR (n:`_Loading`) ON (n.id);
