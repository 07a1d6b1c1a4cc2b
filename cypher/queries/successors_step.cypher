// answers: One step of organisational succession forward: the agencies that succeeded the given
//          ones (by MERGE, SPLIT, ABOLISH or ESTABLISH), with the event and date.
//          For a whole ancestry in the Browser: MATCH p=(a:Agency {id: '...'})-[:SUCCEEDED_BY*]->() RETURN p
// params: ids (list of agency ids)
UNWIND $ids AS agency_id
MATCH (a:Agency {id: agency_id})-[s:SUCCEEDED_BY]->(b:Agency)
RETURN a.id AS source, b.id AS target, s.type AS type, s.date AS date,
       s.date_precision AS date_precision, s.event_id AS event_id
