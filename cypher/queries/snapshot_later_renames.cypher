// answers: RENAME events after a date for a jurisdiction's agencies: the earliest one's old_name
//          is the name an agency bore on that date.
// params: jurisdiction (jurisdiction id), at (date)
MATCH (e:Event {type: 'RENAME'})-[:TO]->(a:Agency)-[:`IN`]->(j:Jurisdiction {id: $jurisdiction})
WHERE e.date > $at
RETURN a.id AS agency_id, e.date AS date, e.id AS event_id, e.old_name AS old_name
ORDER BY agency_id, date, event_id
