// answers: How one agency led to another: the shortest chain of succession (MERGE, SPLIT,
//          ABOLISH, ESTABLISH) from the earlier agency to the later one, with the event of each
//          step.
// params: earlier (agency id or exact name), later (agency id or exact name)
// example: :param earlier => '南昌市行政审批局'
// example: :param later => 'nanchang.government-services-data'
// The embedded engine writes a shortest path as a bounded recursive pattern with SHORTEST, and
// projects lists with properties(list, 'key') where Neo4j uses list comprehensions.
MATCH (a:Agency) WHERE a.id = $earlier OR a.name = $earlier
MATCH (b:Agency) WHERE (b.id = $later OR b.name = $later) AND b.id <> a.id
MATCH p = (a)-[:SUCCEEDED_BY* SHORTEST 1..10]->(b)
RETURN length(p) AS steps,
       properties(nodes(p), 'id') AS ids,
       properties(nodes(p), 'name') AS names,
       properties(rels(p), 'type') AS how,
       properties(rels(p), 'event_id') AS events
