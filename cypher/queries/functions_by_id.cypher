// answers: The functions with the given ids: category, item count, the events that created or
//          retired them, and `links` (JSON: its events, its holders with their intervals, sources).
// params: ids (list of function ids)
UNWIND $ids AS function_id
MATCH (f:Function {id: function_id})
RETURN f.id AS id, f.name AS name, f.aliases AS aliases, f.category AS category,
       f.item_count AS item_count, f.note AS note, f.created_event AS created_event,
       f.retired_event AS retired_event, f.links AS links
