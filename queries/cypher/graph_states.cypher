// Analysis graph: every Land (key, name).
MATCH (s:State)
RETURN s.key AS key, s.name AS name
