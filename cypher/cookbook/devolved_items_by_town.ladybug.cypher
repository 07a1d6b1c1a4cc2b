// answers: How many items were devolved to each town (and zone or subdistrict): per receiving
//          jurisdiction and kind of function (approval_service, penalty, ...), the DEVOLVE
//          events, the items they moved (a function's own count, such as a bundle of 215
//          approval items, else the event's), and how many moves state no count. An event that
//          devolves to two bodies of one town counts once.
// params: none
// The embedded engine sums integers as 128-bit decimals; the casts give the integers Neo4j gives.
MATCH (e:Event {type: 'DEVOLVE'})-[:TO]->(:Agency)-[:`IN`]->(town:Jurisdiction)
MATCH (e)-[:MOVES]->(f:Function)
WITH DISTINCT town, e, f
WITH town, f.category AS category, count(DISTINCT e) AS devolutions,
     CAST(sum(coalesce(f.item_count, e.item_count, 0)) AS INT64) AS items,
     CAST(sum(CASE WHEN coalesce(f.item_count, e.item_count) IS NULL THEN 1 ELSE 0 END) AS INT64)
       AS moves_without_count
OPTIONAL MATCH (town)-[:WITHIN]->(parent:Jurisdiction)
RETURN parent.name AS within, town.id AS town_id, town.name AS town, town.level AS level,
       category, devolutions, items, moves_without_count
ORDER BY within, town_id, category
