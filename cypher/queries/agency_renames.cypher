// answers: An agency's RENAME events in date order, with the names before and after.
// params: id (agency id)
MATCH (e:Event {type: 'RENAME'})-[:TO]->(a:Agency {id: $id})
RETURN e.id AS event_id, e.date AS date, e.date_precision AS date_precision,
       e.old_name AS old_name, e.new_name AS new_name
ORDER BY date, event_id
