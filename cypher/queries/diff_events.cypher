// answers: The events after one date and on or before another in which an agency of a
//          jurisdiction took part, on either side.
// params: jurisdiction (jurisdiction id), date_from (date), date_to (date)
MATCH (e:Event)-[:`FROM`]->(a:Agency)-[:`IN`]->(j:Jurisdiction {id: $jurisdiction})
WHERE e.date > $date_from AND e.date <= $date_to
RETURN e.id AS event_id
UNION
MATCH (e:Event)-[:`TO`]->(a:Agency)-[:`IN`]->(j:Jurisdiction {id: $jurisdiction})
WHERE e.date > $date_from AND e.date <= $date_to
RETURN e.id AS event_id
