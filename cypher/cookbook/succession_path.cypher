// answers: How one agency led to another: the shortest chain of succession (MERGE, SPLIT,
//          ABOLISH, ESTABLISH) from the earlier agency to the later one, with the event of each
//          step. To see it drawn in the Browser, end the query with RETURN p.
// params: earlier (agency id or exact name), later (agency id or exact name)
// example: :param earlier => '南昌市行政审批局'
// example: :param later => 'nanchang.government-services-data'
MATCH (a:Agency) WHERE a.id = $earlier OR a.name = $earlier
MATCH (b:Agency) WHERE (b.id = $later OR b.name = $later) AND b.id <> a.id
MATCH p = shortestPath((a)-[:SUCCEEDED_BY*1..10]->(b))
RETURN length(p) AS steps,
       [n IN nodes(p) | n.id] AS ids,
       [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | r.type] AS how,
       [r IN relationships(p) | r.event_id] AS events
