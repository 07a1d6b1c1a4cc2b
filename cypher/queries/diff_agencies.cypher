// answers: The agencies of a jurisdiction that began or ended after one date and on or before
//          another, with the events that began or ended them.
// params: jurisdiction (jurisdiction id), date_from (date), date_to (date)
MATCH (a:Agency)-[:`IN`]->(j:Jurisdiction {id: $jurisdiction})
WHERE (a.established > $date_from AND a.established <= $date_to)
   OR (a.dissolved > $date_from AND a.dissolved <= $date_to)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.established AS established,
       a.established_precision AS established_precision, a.established_event AS established_event,
       a.dissolved AS dissolved, a.dissolved_precision AS dissolved_precision,
       a.dissolved_event AS dissolved_event
ORDER BY id
