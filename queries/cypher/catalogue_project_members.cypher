// Member names of every project (project id, member name, role), to tell projects of the same name apart.
MATCH (x)-[r:PARTICIPATES_IN]->(p:Project)
RETURN p.id AS project, x.name AS name, r.role AS role
ORDER BY project, name
