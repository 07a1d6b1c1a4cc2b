// answers: Whether the graph answers at all: the number of source documents loaded.
// params: none
MATCH (s:Source)
RETURN count(s) AS sources
