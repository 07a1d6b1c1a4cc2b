// answers: The names of the functions with the given ids (the labels an answer shows beside
//          the ids it mentions).
// params: ids (list of function ids)
UNWIND $ids AS function_id
MATCH (f:Function {id: function_id})
RETURN f.id AS id, f.name AS name
