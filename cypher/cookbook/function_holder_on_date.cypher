// answers: Who held a function on a date: the agencies holding it that day, under the name each
//          bore then, with the event that gave it to them and the source that states it (for a
//          holding that predates the records, the source of the move out).
// params: function (function id or exact name), at (date)
// example: :param function => 'nanchang.building-planning-permit'
// example: :param at => date('2021-06-30')
MATCH (a:Agency)-[h:HELD]->(f:Function)
WHERE (f.id = $function OR f.name = $function)
  AND (h.since IS NULL OR h.since <= $at)
  AND (h.until IS NULL OR h.until > $at)
WITH a, h, f, coalesce(h.event_in, h.event_out) AS evidence
// The name on the date is the old name of the first RENAME after it, if there is one.
OPTIONAL MATCH (later:Event {type: 'RENAME'})-[:TO]->(a)
WHERE later.date > $at
  AND NOT EXISTS {
    MATCH (earlier:Event {type: 'RENAME'})-[:TO]->(a)
    WHERE earlier.date > $at
      AND (earlier.date < later.date OR (earlier.date = later.date AND earlier.id < later.id))
  }
OPTIONAL MATCH (a)-[:`IN`]->(j:Jurisdiction)
OPTIONAL MATCH (:Event {id: evidence})-[c:CITES]->(s:Source)
RETURN f.id AS function_id, f.name AS function, a.id AS agency_id,
       coalesce(later.old_name, a.name) AS agency_then, a.name AS agency_now,
       j.name AS jurisdiction, h.since AS since, h.until AS until, h.event_in AS moved_in_by,
       s.title AS source, c.locator AS locator
ORDER BY function_id, agency_id, source, locator
