// answers: Functions whose name or alias contains a text (folded as in search_agencies).
// params: q (folded search text), limit (most candidates to return)
MATCH (f:Function)
WHERE f.search_text CONTAINS $q
RETURN f.id AS id, f.name AS name, f.aliases AS aliases, f.category AS category,
       f.item_count AS item_count
ORDER BY id
LIMIT $limit
