// Graph schema for the embedded engine (LadybugDB): the same labels, relationship types and
// properties as cypher/schema/neo4j.cypher. Dates are DATE values (a month- or year-precise date
// is stored as its first day, its precision beside it). The loader reads this file to type the
// columns it copies in, so it is the one definition of the embedded schema.
//
// Event, Agency and Function nodes also carry `links`: what their relationships say,
// packed as one JSON text (layouts in cypher/README.md), written from the same records as the
// relationships so they cannot disagree, and read in one node lookup.

CREATE NODE TABLE Jurisdiction(id STRING PRIMARY KEY, name STRING, level STRING, parent_id STRING);

CREATE NODE TABLE Agency(id STRING PRIMARY KEY, name STRING, former_names STRING[], aliases STRING[], jurisdiction_id STRING, kind STRING, part_of_id STRING, established DATE, established_precision STRING, established_event STRING, dissolved DATE, dissolved_precision STRING, dissolved_event STRING, note STRING, links STRING, search_text STRING);

CREATE NODE TABLE Function(id STRING PRIMARY KEY, name STRING, category STRING, item_count INT64, aliases STRING[], note STRING, created_event STRING, retired_event STRING, links STRING, search_text STRING);

CREATE NODE TABLE Reform(id STRING PRIMARY KEY, name STRING, jurisdiction_id STRING, approved DATE, approved_precision STRING, documents STRING[], note STRING);

CREATE NODE TABLE Measure(id STRING PRIMARY KEY, reform_id STRING, name STRING, before DOUBLE, after DOUBLE, unit STRING);

CREATE NODE TABLE Event(id STRING PRIMARY KEY, type STRING, date DATE, date_precision STRING, jurisdiction_id STRING, reform_id STRING, item_count INT64, old_name STRING, new_name STRING, note STRING, links STRING);

CREATE NODE TABLE Source(id STRING PRIMARY KEY, title STRING, publisher STRING, published DATE, url STRING, script STRING, locators STRING);

CREATE REL TABLE WITHIN(FROM Jurisdiction TO Jurisdiction);

CREATE REL TABLE `IN`(FROM Agency TO Jurisdiction);

CREATE REL TABLE PART_OF(FROM Agency TO Agency, FROM Event TO Reform);

CREATE REL TABLE `FROM`(FROM Event TO Agency);

CREATE REL TABLE `TO`(FROM Event TO Agency);

CREATE REL TABLE MOVES(FROM Event TO Function);

CREATE REL TABLE RETIRES(FROM Event TO Function);

CREATE REL TABLE CREATES(FROM Event TO Function);

CREATE REL TABLE LAPSES(FROM Event TO Function);

CREATE REL TABLE REPORTS(FROM Reform TO Measure);

CREATE REL TABLE CITES(FROM Event TO Source, FROM Agency TO Source, FROM Function TO Source, FROM Reform TO Source, locator STRING);

CREATE REL TABLE SUCCEEDED_BY(FROM Agency TO Agency, event_id STRING, date DATE, date_precision STRING, type STRING);

CREATE REL TABLE HELD(FROM Agency TO Function, since DATE, since_precision STRING, until DATE, until_precision STRING, event_in STRING, event_out STRING);
