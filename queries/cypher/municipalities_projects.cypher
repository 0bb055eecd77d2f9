// municipality_projects for every municipality at once (of: the municipality's AGS).
MATCH (m:Municipality)-[r:PARTICIPATES_IN]->(p:Project)
RETURN m.ags AS of, p.id AS id, p.name AS name, p.kind AS kind, r.role AS role,
       r.status AS status, r.source AS source, r.sources AS sources, r.as_of AS as_of
ORDER BY of, id
