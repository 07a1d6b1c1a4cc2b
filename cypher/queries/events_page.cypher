// answers: One page of the event timeline in (date, id) order, filtered by jurisdiction, type and
//          date range, resuming after a cursor (keyset pagination: the last date and id seen).
//          An empty jurisdiction or type means any; the date range is inclusive.
// params: jurisdiction (jurisdiction id, or '' for any), type (event type, or '' for any),
//         date_from (date), date_to (date), after_date (date), after_id (event id, '' to start),
//         limit (number of rows)
MATCH (e:Event)
WHERE ($jurisdiction = '' OR e.jurisdiction_id = $jurisdiction)
  AND ($type = '' OR e.type = $type)
  AND e.date >= $date_from AND e.date <= $date_to
  AND (e.date > $after_date OR (e.date = $after_date AND e.id > $after_id))
RETURN e.id AS id, e.date AS date
ORDER BY date, id
LIMIT $limit
