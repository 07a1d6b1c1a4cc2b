// answers: The events with the given ids: type, date and its precision, jurisdiction, reform,
//          item count, names before and after a RENAME, notes, and (as id lists) the agencies on
//          each side, the functions it moved, created, retired or let lapse, and its sources.
// params: ids (list of event ids)
UNWIND $ids AS event_id
MATCH (e:Event {id: event_id})
RETURN e.id AS id, e.type AS type, e.date AS date, e.date_precision AS date_precision,
       e.jurisdiction_id AS jurisdiction_id, e.reform_id AS reform_id,
       e.item_count AS item_count, e.old_name AS old_name, e.new_name AS new_name, e.note AS note,
       e.from_ids AS from_ids, e.to_ids AS to_ids, e.moves_ids AS moves_ids,
       e.creates_ids AS creates_ids, e.retires_ids AS retires_ids, e.lapses_ids AS lapses_ids,
       e.source_ids AS source_ids, e.locators AS locators
