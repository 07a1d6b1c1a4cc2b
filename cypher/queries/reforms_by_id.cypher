// answers: The reforms with the given ids: name, jurisdiction, approval date and document numbers.
// params: ids (list of reform ids)
UNWIND $ids AS reform_id
MATCH (r:Reform {id: reform_id})
RETURN r.id AS id, r.name AS name, r.jurisdiction_id AS jurisdiction_id, r.approved AS approved,
       r.approved_precision AS approved_precision, r.documents AS documents, r.note AS note
