// answers: Every function with its name and aliases: the rows the service folds into its
//          in-process name index for ranked search.
// params: none
MATCH (f:Function)
RETURN f.id AS id, f.name AS name, f.aliases AS aliases
ORDER BY id
