// answers: The current names of the agencies with the given ids (the labels an answer shows
//          beside the ids it mentions).
// params: ids (list of agency ids)
UNWIND $ids AS agency_id
MATCH (a:Agency {id: agency_id})
RETURN a.id AS id, a.name AS name
