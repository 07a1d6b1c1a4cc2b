// answers: A jurisdiction's organisation chart on a date: the agencies alive that day (begun on
//          or before it, not yet ended), under the names they bore then, each part (branch,
//          internal unit, plaque) listed after the agency it belongs to, with the number of
//          functions each held that day.
// params: jurisdiction (jurisdiction id or exact name), at (date)
// example: :param jurisdiction => 'nanchang'
// example: :param at => date('2021-01-01')
MATCH (a:Agency)-[:`IN`]->(j:Jurisdiction)
WHERE (j.id = $jurisdiction OR j.name = $jurisdiction)
  AND (a.established IS NULL OR a.established <= $at)
  AND (a.dissolved IS NULL OR a.dissolved > $at)
OPTIONAL MATCH (a)-[:PART_OF]->(host:Agency)
// The name on the date is the old name of the first RENAME after it, if there is one.
OPTIONAL MATCH (later:Event {type: 'RENAME'})-[:TO]->(a)
WHERE later.date > $at
  AND NOT EXISTS {
    MATCH (earlier:Event {type: 'RENAME'})-[:TO]->(a)
    WHERE earlier.date > $at
      AND (earlier.date < later.date OR (earlier.date = later.date AND earlier.id < later.id))
  }
OPTIONAL MATCH (a)-[h:HELD]->(:Function)
WHERE (h.since IS NULL OR h.since <= $at) AND (h.until IS NULL OR h.until > $at)
RETURN j.id AS jurisdiction_id, coalesce(host.id, a.id) AS unit, a.id AS agency_id,
       coalesce(later.old_name, a.name) AS name_then, a.name AS name_now, a.kind AS kind,
       host.id AS part_of, count(h) AS functions_then
ORDER BY jurisdiction_id, unit, part_of IS NOT NULL, agency_id
