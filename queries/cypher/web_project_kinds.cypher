// Distinct project kinds with their project count (for filters).
MATCH (p:Project)
WHERE p.kind IS NOT NULL
RETURN p.kind AS kind, count(p) AS projects
ORDER BY kind
