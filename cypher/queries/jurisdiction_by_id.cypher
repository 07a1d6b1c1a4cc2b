// answers: One jurisdiction, with its level and parent.
// params: id (jurisdiction id)
MATCH (j:Jurisdiction {id: $id})
RETURN j.id AS id, j.name AS name, j.level AS level, j.parent_id AS parent_id
