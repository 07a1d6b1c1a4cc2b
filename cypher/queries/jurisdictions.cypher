// answers: Every jurisdiction with its level and parent.
// params: none
MATCH (j:Jurisdiction)
RETURN j.id AS id, j.name AS name, j.level AS level, j.parent_id AS parent_id
ORDER BY id
