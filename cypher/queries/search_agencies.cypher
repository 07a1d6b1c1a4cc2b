// answers: Agencies whose name, former name or alias contains a text (simplified and traditional
//          forms match: both sides are folded to simplified, lower case, in search_text).
// params: q (folded search text), limit (most candidates to return)
MATCH (a:Agency)
WHERE a.search_text CONTAINS $q
RETURN a.id AS id, a.name AS name, a.former_names AS former_names, a.aliases AS aliases,
       a.jurisdiction_id AS jurisdiction_id, a.kind AS kind, a.dissolved AS dissolved
ORDER BY id
LIMIT $limit
