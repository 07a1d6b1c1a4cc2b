// answers: The events with the given ids: type, date and its precision, jurisdiction, reform,
//          item count, names before and after a RENAME, notes, and `links` (JSON: the agencies on
//          each side and the functions moved, created, retired or let lapse, with their names,
//          and the sources).
// params: ids (list of event ids)
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})
RETURN e.id AS id, e.type AS type, e.date AS date, e.date_precision AS date_precision,
       e.jurisdiction_id AS jurisdiction_id, e.reform_id AS reform_id,
       e.item_count AS item_count, e.old_name AS old_name, e.new_name AS new_name, e.note AS note,
       e.links AS links
