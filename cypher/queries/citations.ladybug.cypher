// answers: The sources that support each of the given records, with the locator of the passage
//          (pN: the N-th paragraph of the source). Ids are looked up among events, agencies,
//          functions and reforms; `label` says which.
// params: ids (list of record ids)
// engine: LadybugDB plans `UNWIND ... MATCH (n {id: x})-[r]->(m)` as a hash join over every
//         relationship of the type (seconds on 200,000 agencies, and it can fill the buffer
//         pool); matching the node first and the relationship with OPTIONAL MATCH walks from
//         the node instead. Same rows as citations.cypher.
UNWIND $ids AS record_id
MATCH (n:Event {id: record_id})
OPTIONAL MATCH (n)-[c:CITES]->(s:Source)
WITH record_id, c, s WHERE s IS NOT NULL
RETURN record_id, 'Event' AS label, s.id AS source_id, s.title AS title,
       s.publisher AS publisher, s.published AS published, s.url AS url, c.locator AS locator
UNION ALL
UNWIND $ids AS record_id
MATCH (n:Agency {id: record_id})
OPTIONAL MATCH (n)-[c:CITES]->(s:Source)
WITH record_id, c, s WHERE s IS NOT NULL
RETURN record_id, 'Agency' AS label, s.id AS source_id, s.title AS title,
       s.publisher AS publisher, s.published AS published, s.url AS url, c.locator AS locator
UNION ALL
UNWIND $ids AS record_id
MATCH (n:Function {id: record_id})
OPTIONAL MATCH (n)-[c:CITES]->(s:Source)
WITH record_id, c, s WHERE s IS NOT NULL
RETURN record_id, 'Function' AS label, s.id AS source_id, s.title AS title,
       s.publisher AS publisher, s.published AS published, s.url AS url, c.locator AS locator
UNION ALL
UNWIND $ids AS record_id
MATCH (n:Reform {id: record_id})
OPTIONAL MATCH (n)-[c:CITES]->(s:Source)
WITH record_id, c, s WHERE s IS NOT NULL
RETURN record_id, 'Reform' AS label, s.id AS source_id, s.title AS title,
       s.publisher AS publisher, s.published AS published, s.url AS url, c.locator AS locator
