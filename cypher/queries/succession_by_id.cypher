// answers: For the given agencies, their name, kind, jurisdiction and dates, and `links` (JSON,
//          holding their SUCCEEDED_BY edges both ways): one step of a lineage walk.
// params: ids (list of agency ids)
UNWIND $ids AS agency_id
MATCH (a:Agency {id: agency_id})
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.jurisdiction_id AS jurisdiction_id,
       a.established AS established, a.established_precision AS established_precision,
       a.dissolved AS dissolved, a.dissolved_precision AS dissolved_precision, a.links AS links
