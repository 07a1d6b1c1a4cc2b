// answers: Where did a function go? Every agency that held it, oldest first (since null: held
//          before the records begin; until null: still held), the events that moved it in and
//          out, and the source that states it (the move in; for a holding that predates the
//          records, the move out).
// params: function (function id or exact name)
// example: :param function => 'nanchang.building-planning-permit'
MATCH (a:Agency)-[h:HELD]->(f:Function)
WHERE f.id = $function OR f.name = $function
WITH a, h, f, coalesce(h.event_in, h.event_out) AS evidence
OPTIONAL MATCH (:Event {id: evidence})-[c:CITES]->(s:Source)
RETURN f.id AS function_id, f.name AS function, a.id AS agency_id, a.name AS agency,
       h.since AS since, h.since_precision AS since_precision,
       h.until AS until, h.until_precision AS until_precision,
       h.event_in AS moved_in_by, h.event_out AS moved_out_by,
       s.title AS source, c.locator AS locator
ORDER BY function_id, since IS NOT NULL, since, agency_id, source, locator
