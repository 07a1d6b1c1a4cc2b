// answers: The agencies with the given ids, with their names, kind, jurisdiction, dates, sources,
//          and their succession both ways (ids, events and dates of their SUCCEEDED_BY edges).
// params: ids (list of agency ids)
UNWIND $ids AS agency_id
MATCH (a:Agency {id: agency_id})
OPTIONAL MATCH (a)-[:`IN`]->(j:Jurisdiction)
RETURN a.id AS id, a.name AS name, a.former_names AS former_names, a.aliases AS aliases,
       a.kind AS kind, a.jurisdiction_id AS jurisdiction_id, j.name AS jurisdiction_name,
       a.part_of_id AS part_of_id, a.established AS established,
       a.established_precision AS established_precision, a.established_event AS established_event,
       a.dissolved AS dissolved, a.dissolved_precision AS dissolved_precision,
       a.dissolved_event AS dissolved_event, a.note AS note, a.source_ids AS source_ids,
       a.locators AS locators, a.successor_ids AS successor_ids,
       a.successor_events AS successor_events, a.successor_dates AS successor_dates,
       a.predecessor_ids AS predecessor_ids, a.predecessor_events AS predecessor_events,
       a.predecessor_dates AS predecessor_dates
