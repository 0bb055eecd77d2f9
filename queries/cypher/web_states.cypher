// Every Land (key, name) for filters.
MATCH (s:State)
RETURN s.key AS key, s.name AS name
ORDER BY key
