// answers: The events carried out as part of a reform, in date order.
// params: id (reform id)
MATCH (e:Event)-[:PART_OF]->(r:Reform {id: $id})
RETURN e.id AS event_id, e.date AS date
ORDER BY date, event_id
