// answers: Every event that moved, created, retired or let lapse a function, with its role.
// params: id (function id)
MATCH (e:Event)-[:MOVES]->(f:Function {id: $id})
RETURN e.id AS event_id, 'MOVES' AS role
UNION ALL
MATCH (e:Event)-[:CREATES]->(f:Function {id: $id})
RETURN e.id AS event_id, 'CREATES' AS role
UNION ALL
MATCH (e:Event)-[:RETIRES]->(f:Function {id: $id})
RETURN e.id AS event_id, 'RETIRES' AS role
UNION ALL
MATCH (e:Event)-[:LAPSES]->(f:Function {id: $id})
RETURN e.id AS event_id, 'LAPSES' AS role
