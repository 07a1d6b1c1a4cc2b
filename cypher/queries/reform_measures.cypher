// answers: The measures a reform reports (e.g. party and government bodies 39 -> 37), in order.
// params: id (reform id)
MATCH (r:Reform {id: $id})-[:REPORTS]->(m:Measure)
RETURN m.id AS id, m.name AS name, m.before AS before, m.after AS after, m.unit AS unit
ORDER BY id
