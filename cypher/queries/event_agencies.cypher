// answers: The agencies on each side of the given events (FROM: giving up or ceasing; TO:
//          receiving or resulting).
// params: ids (list of event ids)
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})-[:FROM]->(a:Agency)
RETURN e.id AS event_id, 'FROM' AS side, a.id AS agency_id, a.name AS agency_name
UNION ALL
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})-[:TO]->(a:Agency)
RETURN e.id AS event_id, 'TO' AS side, a.id AS agency_id, a.name AS agency_name
