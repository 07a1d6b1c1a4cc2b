// answers: Who held a function over which interval (since null: held before the records begin;
//          until null: still held), with the events that moved it in and out.
// params: id (function id)
MATCH (a:Agency)-[h:HELD]->(f:Function {id: $id})
RETURN a.id AS agency_id, a.name AS agency_name, a.jurisdiction_id AS jurisdiction_id,
       h.since AS since, h.since_precision AS since_precision, h.until AS until,
       h.until_precision AS until_precision, h.event_in AS event_in, h.event_out AS event_out
ORDER BY since, agency_id
