// answers: For the given agencies, their name, kind, dates and succession both ways (the ids,
//          events and dates of their SUCCEEDED_BY edges): one step of a lineage walk.
// params: ids (list of agency ids)
UNWIND $ids AS agency_id
MATCH (a:Agency {id: agency_id})
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.jurisdiction_id AS jurisdiction_id,
       a.established AS established, a.established_precision AS established_precision,
       a.dissolved AS dissolved, a.dissolved_precision AS dissolved_precision,
       a.successor_ids AS successor_ids, a.successor_events AS successor_events,
       a.successor_dates AS successor_dates, a.predecessor_ids AS predecessor_ids,
       a.predecessor_events AS predecessor_events, a.predecessor_dates AS predecessor_dates
