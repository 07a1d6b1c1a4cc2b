// answers: One step of organisational succession backward: the agencies the given ones came from.
// params: ids (list of agency ids)
// engine: node first, relationship by OPTIONAL MATCH, so that LadybugDB walks from each agency
//         instead of joining every SUCCEEDED_BY relationship (see citations.ladybug.cypher).
UNWIND $ids AS agency_id
MATCH (a:Agency {id: agency_id})
OPTIONAL MATCH (b:Agency)-[s:SUCCEEDED_BY]->(a)
WITH a, s, b WHERE b IS NOT NULL
RETURN b.id AS source, a.id AS target, s.type AS type, s.date AS date,
       s.date_precision AS date_precision, s.event_id AS event_id
