// answers: The functions an agency holds now and held before, with the intervals.
// params: id (agency id)
MATCH (a:Agency {id: $id})-[h:HELD]->(f:Function)
RETURN f.id AS function_id, f.name AS function_name, f.category AS category,
       f.item_count AS item_count, h.since AS since, h.since_precision AS since_precision,
       h.until AS until, h.until_precision AS until_precision, h.event_in AS event_in,
       h.event_out AS event_out
ORDER BY since, function_id
