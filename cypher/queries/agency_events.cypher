// answers: Every event an agency took part in, and on which side.
// params: id (agency id)
MATCH (e:Event)-[:FROM]->(a:Agency {id: $id})
RETURN e.id AS event_id, 'FROM' AS side, e.date AS date
UNION ALL
MATCH (e:Event)-[:TO]->(a:Agency {id: $id})
RETURN e.id AS event_id, 'TO' AS side, e.date AS date
