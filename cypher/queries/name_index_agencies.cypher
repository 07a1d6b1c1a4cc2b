// answers: Every agency with all its names (current, former, aliases) and jurisdiction: the rows
//          the service folds into its in-process name index for ranked search.
// params: none
MATCH (a:Agency)
RETURN a.id AS id, a.name AS name, a.former_names AS former_names, a.aliases AS aliases,
       a.jurisdiction_id AS jurisdiction_id
ORDER BY id
