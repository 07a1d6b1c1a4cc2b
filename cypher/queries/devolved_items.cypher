// answers: Items devolved (DEVOLVE events) to agencies of a jurisdiction, per event and function,
//          with the item counts the sources give.
// params: jurisdiction (jurisdiction id)
MATCH (e:Event {type: 'DEVOLVE'})-[:TO]->(a:Agency)-[:`IN`]->(j:Jurisdiction {id: $jurisdiction})
MATCH (e)-[:MOVES]->(f:Function)
RETURN e.id AS event_id, e.date AS date, e.date_precision AS date_precision,
       e.reform_id AS reform_id, a.id AS agency_id, a.name AS agency_name,
       f.id AS function_id, f.name AS function_name, f.category AS category,
       f.item_count AS function_items, e.item_count AS event_items
ORDER BY date, event_id, function_id
