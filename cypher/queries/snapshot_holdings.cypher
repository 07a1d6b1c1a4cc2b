// answers: The functions each agency of a jurisdiction held on a date.
// params: jurisdiction (jurisdiction id), at (date)
MATCH (j:Jurisdiction {id: $jurisdiction})<-[:`IN`]-(a:Agency)-[h:HELD]->(f:Function)
WHERE (h.since IS NULL OR h.since <= $at) AND (h.until IS NULL OR h.until > $at)
RETURN a.id AS agency_id, f.id AS function_id, f.name AS function_name,
       f.item_count AS item_count
ORDER BY agency_id, function_id
