// answers: What changed in a jurisdiction between two dates (after the first, up to and
//          including the second): agencies that began or ended, renames, and functions each
//          agency gained or lost, with the event behind each change.
// params: jurisdiction (jurisdiction id or exact name), date_from (date), date_to (date)
// example: :param jurisdiction => 'nanchang'
// example: :param date_from => date('2021-01-01')
// example: :param date_to => date('2022-01-01')
// The embedded engine has no CALL { ... UNION ... } subquery to sort a union by, so the rows of
// this variant come unordered.
MATCH (a:Agency)-[:`IN`]->(j:Jurisdiction)
WHERE (j.id = $jurisdiction OR j.name = $jurisdiction)
  AND a.established > $date_from AND a.established <= $date_to
MATCH (e:Event {id: a.established_event})
RETURN a.established AS date, 'began' AS change, a.id AS agency_id, a.name AS agency,
       e.type AS detail, e.id AS event_id
UNION ALL
MATCH (a:Agency)-[:`IN`]->(j:Jurisdiction)
WHERE (j.id = $jurisdiction OR j.name = $jurisdiction)
  AND a.dissolved > $date_from AND a.dissolved <= $date_to
MATCH (e:Event {id: a.dissolved_event})
RETURN a.dissolved AS date, 'ended' AS change, a.id AS agency_id, a.name AS agency,
       e.type AS detail, e.id AS event_id
UNION ALL
MATCH (e:Event {type: 'RENAME'})-[:TO]->(a:Agency)-[:`IN`]->(j:Jurisdiction)
WHERE (j.id = $jurisdiction OR j.name = $jurisdiction)
  AND e.date > $date_from AND e.date <= $date_to
RETURN e.date AS date, 'renamed' AS change, a.id AS agency_id, a.name AS agency,
       e.old_name + ' → ' + e.new_name AS detail, e.id AS event_id
UNION ALL
MATCH (j:Jurisdiction)<-[:`IN`]-(a:Agency)-[h:HELD]->(f:Function)
WHERE (j.id = $jurisdiction OR j.name = $jurisdiction)
  AND h.since > $date_from AND h.since <= $date_to
RETURN h.since AS date, 'gained function' AS change, a.id AS agency_id, a.name AS agency,
       f.name AS detail, h.event_in AS event_id
UNION ALL
MATCH (j:Jurisdiction)<-[:`IN`]-(a:Agency)-[h:HELD]->(f:Function)
WHERE (j.id = $jurisdiction OR j.name = $jurisdiction)
  AND h.until > $date_from AND h.until <= $date_to
RETURN h.until AS date, 'lost function' AS change, a.id AS agency_id, a.name AS agency,
       f.name AS detail, h.event_out AS event_id
