// answers: An agency's ancestry as paths: every line of succession (MERGE, SPLIT, ABOLISH,
//          ESTABLISH) from the earliest agency on record down to this one, with how and when
//          each step happened. To see it drawn in the Browser, end the query with RETURN p.
// params: agency (agency id or exact name)
// example: :param agency => 'nanchang.government-services-data'
MATCH p = (origin:Agency)-[:SUCCEEDED_BY*1..10]->(a:Agency)
WHERE (a.id = $agency OR a.name = $agency)
  AND NOT EXISTS { MATCH (:Agency)-[:SUCCEEDED_BY]->(origin) }
RETURN origin.id AS origin_id, length(p) AS steps,
       [n IN nodes(p) | n.name] AS names,
       [n IN nodes(p) | n.id] AS ids,
       [r IN relationships(p) | r.type] AS how,
       [r IN relationships(p) | r.date] AS dates,
       [r IN relationships(p) | r.event_id] AS events
ORDER BY origin_id, steps
