// answers: One step of organisational succession backward: the agencies the given ones came from.
// params: ids (list of agency ids)
UNWIND $ids AS agency_id
MATCH (b:Agency)-[s:SUCCEEDED_BY]->(a:Agency {id: agency_id})
RETURN b.id AS source, a.id AS target, s.type AS type, s.date AS date,
       s.date_precision AS date_precision, s.event_id AS event_id
