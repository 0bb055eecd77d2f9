// Analysis graph: every PARTICIPATES_IN edge with the member's label and key, the project id, role, status, certainty and as_of.
MATCH (m:Municipality)-[r:PARTICIPATES_IN]->(p:Project)
RETURN 'Municipality' AS label, m.ags AS key, p.id AS project, r.role AS role,
       r.status AS status, r.certainty AS certainty, r.as_of AS as_of
UNION ALL
MATCH (m:District)-[r:PARTICIPATES_IN]->(p:Project)
RETURN 'District' AS label, m.key AS key, p.id AS project, r.role AS role,
       r.status AS status, r.certainty AS certainty, r.as_of AS as_of
UNION ALL
MATCH (m:MunicipalAssociation)-[r:PARTICIPATES_IN]->(p:Project)
RETURN 'MunicipalAssociation' AS label, m.key AS key, p.id AS project, r.role AS role,
       r.status AS status, r.certainty AS certainty, r.as_of AS as_of
UNION ALL
MATCH (m:Organisation)-[r:PARTICIPATES_IN]->(p:Project)
RETURN 'Organisation' AS label, m.id AS key, p.id AS project, r.role AS role,
       r.status AS status, r.certainty AS certainty, r.as_of AS as_of
