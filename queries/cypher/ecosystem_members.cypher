// All members of the projects with ids in $projects: project id, member label, key, name and role
// (municipalities kept as history are no partners any more: left out).
MATCH (x:Municipality)-[r:PARTICIPATES_IN]->(p:Project)
WHERE p.id IN $projects AND x.valid_until IS NULL
RETURN p.id AS project, 'Municipality' AS kind, x.ags AS key, x.name AS name, r.role AS role
UNION ALL
MATCH (x:District)-[r:PARTICIPATES_IN]->(p:Project)
WHERE p.id IN $projects
RETURN p.id AS project, 'District' AS kind, x.key AS key, x.name AS name, r.role AS role
UNION ALL
MATCH (x:MunicipalAssociation)-[r:PARTICIPATES_IN]->(p:Project)
WHERE p.id IN $projects
RETURN p.id AS project, 'MunicipalAssociation' AS kind, x.key AS key, x.name AS name,
       r.role AS role
UNION ALL
MATCH (x:Organisation)-[r:PARTICIPATES_IN]->(p:Project)
WHERE p.id IN $projects
RETURN p.id AS project, 'Organisation' AS kind, x.id AS key, x.name AS name, r.role AS role
