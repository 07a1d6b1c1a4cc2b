// answers: The branches, internal units and plaques that are part of an agency.
// params: id (agency id)
MATCH (part:Agency)-[:PART_OF]->(a:Agency {id: $id})
RETURN part.id AS id, part.name AS name, part.kind AS kind
ORDER BY id
