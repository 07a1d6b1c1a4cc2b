// answers: Everything a reform changed: each of its events, in date order, with every agency and
//          function it touched and in which role (FROM: gave up or ceased; TO: received or
//          resulted; MOVES, CREATES, RETIRES, LAPSES: functions), and the source of the event.
// params: reform (reform id or exact name)
// example: :param reform => 'nanchang-2021-government-agency-adjustment'
// The embedded engine names a relationship's type and a node's label with label(), and has no
// label predicate (n:Agency) in WHERE.
MATCH (e:Event)-[:PART_OF]->(r:Reform)
WHERE r.id = $reform OR r.name = $reform
MATCH (e)-[x]->(n)
WHERE label(n) IN ['Agency', 'Function']
OPTIONAL MATCH (e)-[c:CITES]->(s:Source)
RETURN r.id AS reform_id, e.date AS date, e.type AS type, e.id AS event_id,
       label(x) AS role, label(n) AS kind, n.id AS id, n.name AS name,
       e.old_name AS old_name, e.new_name AS new_name, e.item_count AS item_count,
       s.title AS source, c.locator AS locator
ORDER BY date, event_id, role, id, source, locator
