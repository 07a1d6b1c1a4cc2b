// answers: The functions each of the given events moved, created, retired or let lapse.
// params: ids (list of event ids)
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})-[:MOVES]->(f:Function)
RETURN e.id AS event_id, 'MOVES' AS role, f.id AS function_id, f.name AS function_name
UNION ALL
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})-[:CREATES]->(f:Function)
RETURN e.id AS event_id, 'CREATES' AS role, f.id AS function_id, f.name AS function_name
UNION ALL
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})-[:RETIRES]->(f:Function)
RETURN e.id AS event_id, 'RETIRES' AS role, f.id AS function_id, f.name AS function_name
UNION ALL
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})-[:LAPSES]->(f:Function)
RETURN e.id AS event_id, 'LAPSES' AS role, f.id AS function_id, f.name AS function_name
