// answers: What a source supports: the events, agencies, functions and reforms that cite it, each
//          with the locator of the passage (`label` says which kind of record).
// params: id (source id)
MATCH (n:Event)-[c:CITES]->(s:Source {id: $id})
RETURN 'Event' AS label, n.id AS record_id, n.type AS detail, c.locator AS locator
UNION ALL
MATCH (n:Agency)-[c:CITES]->(s:Source {id: $id})
RETURN 'Agency' AS label, n.id AS record_id, n.name AS detail, c.locator AS locator
UNION ALL
MATCH (n:Function)-[c:CITES]->(s:Source {id: $id})
RETURN 'Function' AS label, n.id AS record_id, n.name AS detail, c.locator AS locator
UNION ALL
MATCH (n:Reform)-[c:CITES]->(s:Source {id: $id})
RETURN 'Reform' AS label, n.id AS record_id, n.name AS detail, c.locator AS locator
