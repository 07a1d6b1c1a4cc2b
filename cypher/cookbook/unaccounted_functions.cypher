// answers: Agencies whose functions are unaccounted for: agencies that ended (MERGE, SPLIT,
//          ABOLISH) while holding a function the ending event neither moved, retired nor marked
//          as lapsing (the validator's unaccounted-functions warning), and agencies that ended
//          with no function on record at all (function null), with the source of the ending.
// params: none
MATCH (a:Agency)-[h:HELD]->(f:Function)
WHERE a.dissolved_event IS NOT NULL AND h.event_out = a.dissolved_event
  AND NOT EXISTS { MATCH (:Event {id: h.event_out})-[:MOVES|RETIRES|LAPSES]->(f) }
OPTIONAL MATCH (e:Event {id: a.dissolved_event})-[c:CITES]->(s:Source)
RETURN a.id AS agency_id, a.name AS agency, a.dissolved AS ended, e.type AS ended_by,
       e.id AS event_id, f.id AS function_id, f.name AS function,
       s.title AS source, c.locator AS locator
UNION ALL
MATCH (a:Agency)
WHERE a.dissolved_event IS NOT NULL AND NOT EXISTS { MATCH (a)-[:HELD]->(:Function) }
OPTIONAL MATCH (e:Event {id: a.dissolved_event})-[c:CITES]->(s:Source)
RETURN a.id AS agency_id, a.name AS agency, a.dissolved AS ended, e.type AS ended_by,
       e.id AS event_id, null AS function_id, null AS function,
       s.title AS source, c.locator AS locator
