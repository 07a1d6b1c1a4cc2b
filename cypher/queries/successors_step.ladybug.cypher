// answers: One step of organisational succession forward: the agencies that succeeded the given
//          ones (by MERGE, SPLIT, ABOLISH or ESTABLISH), with the event and date.
// params: ids (list of agency ids)
// engine: node first, relationship by OPTIONAL MATCH, so that LadybugDB walks from each agency
//         instead of joining every SUCCEEDED_BY relationship (see citations.ladybug.cypher).
UNWIND $ids AS agency_id
MATCH (a:Agency {id: agency_id})
OPTIONAL MATCH (a)-[s:SUCCEEDED_BY]->(b:Agency)
WITH a, s, b WHERE b IS NOT NULL
RETURN a.id AS source, b.id AS target, s.type AS type, s.date AS date,
       s.date_precision AS date_precision, s.event_id AS event_id
