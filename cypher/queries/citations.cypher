// answers: The sources that support each of the given records, with the locator of the passage
//          (pN: the N-th paragraph of the source). Ids are looked up among events, agencies,
//          functions and reforms; `label` says which.
// params: ids (list of record ids)
UNWIND $ids AS record_id
MATCH (n:Event {id: record_id})-[c:CITES]->(s:Source)
RETURN record_id, 'Event' AS label, s.id AS source_id, s.title AS title,
       s.publisher AS publisher, s.published AS published, s.url AS url, c.locator AS locator
UNION ALL
UNWIND $ids AS record_id
MATCH (n:Agency {id: record_id})-[c:CITES]->(s:Source)
RETURN record_id, 'Agency' AS label, s.id AS source_id, s.title AS title,
       s.publisher AS publisher, s.published AS published, s.url AS url, c.locator AS locator
UNION ALL
UNWIND $ids AS record_id
MATCH (n:Function {id: record_id})-[c:CITES]->(s:Source)
RETURN record_id, 'Function' AS label, s.id AS source_id, s.title AS title,
       s.publisher AS publisher, s.published AS published, s.url AS url, c.locator AS locator
UNION ALL
UNWIND $ids AS record_id
MATCH (n:Reform {id: record_id})-[c:CITES]->(s:Source)
RETURN record_id, 'Reform' AS label, s.id AS source_id, s.title AS title,
       s.publisher AS publisher, s.published AS published, s.url AS url, c.locator AS locator
