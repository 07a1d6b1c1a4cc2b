// answers: Every source document: title, publisher, date, address and script.
// params: none
MATCH (s:Source)
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.published AS published,
       s.url AS url, s.script AS script
ORDER BY id
