// answers: The source documents with the given ids: title, publisher, publication date, address,
//          script and how its locators count.
// params: ids (list of source ids)
UNWIND $ids AS source_id
MATCH (s:Source {id: source_id})
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.published AS published,
       s.url AS url, s.script AS script, s.locators AS locators
