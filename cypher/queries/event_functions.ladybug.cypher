// answers: The functions each of the given events moved, created, retired or let lapse.
// params: ids (list of event ids)
// engine: node first, then one OPTIONAL MATCH over the four relationship types, so that
//         LadybugDB walks from each event instead of joining every relationship of a type (it
//         chooses that join for the smaller tables, CREATES, RETIRES and LAPSES, even with the
//         node matched first); label(r) is LadybugDB's name for the relationship type.
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})
OPTIONAL MATCH (e)-[r:MOVES|CREATES|RETIRES|LAPSES]->(f:Function)
WITH e, r, f WHERE f IS NOT NULL
RETURN e.id AS event_id, label(r) AS role, f.id AS function_id, f.name AS function_name
