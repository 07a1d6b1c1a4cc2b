// answers: The agencies with the given ids: names, kind, jurisdiction, part-of, dates, note, and
//          `links` (JSON: succession both ways, events, parts, functions held, sources).
// params: ids (list of agency ids)
UNWIND $ids AS agency_id
MATCH (a:Agency {id: agency_id})
RETURN a.id AS id, a.name AS name, a.former_names AS former_names, a.aliases AS aliases,
       a.kind AS kind, a.jurisdiction_id AS jurisdiction_id, a.part_of_id AS part_of_id,
       a.established AS established, a.established_precision AS established_precision,
       a.established_event AS established_event, a.dissolved AS dissolved,
       a.dissolved_precision AS dissolved_precision, a.dissolved_event AS dissolved_event,
       a.note AS note, a.links AS links
