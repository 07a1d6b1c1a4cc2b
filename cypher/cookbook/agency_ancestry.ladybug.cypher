// answers: An agency's ancestry as paths: every line of succession (MERGE, SPLIT, ABOLISH,
//          ESTABLISH) from the earliest agency on record down to this one, with how and when
//          each step happened.
// params: agency (agency id or exact name)
// example: :param agency => 'nanchang.government-services-data'
// The embedded engine has no list comprehension: properties(list, 'key') projects a list.
MATCH p = (origin:Agency)-[:SUCCEEDED_BY*1..10]->(a:Agency)
WHERE (a.id = $agency OR a.name = $agency)
  AND NOT EXISTS { MATCH (:Agency)-[:SUCCEEDED_BY]->(origin) }
RETURN origin.id AS origin_id, length(p) AS steps,
       properties(nodes(p), 'name') AS names,
       properties(nodes(p), 'id') AS ids,
       properties(rels(p), 'type') AS how,
       properties(rels(p), 'date') AS dates,
       properties(rels(p), 'event_id') AS events
ORDER BY origin_id, steps
