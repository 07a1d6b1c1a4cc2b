// answers: The agencies of a jurisdiction alive on a date (begun on or before it, not yet ended).
// params: jurisdiction (jurisdiction id), at (date)
MATCH (a:Agency)-[:`IN`]->(j:Jurisdiction {id: $jurisdiction})
WHERE (a.established IS NULL OR a.established <= $at)
  AND (a.dissolved IS NULL OR a.dissolved > $at)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.part_of_id AS part_of_id,
       a.established AS established, a.dissolved AS dissolved, a.links AS links
ORDER BY id
