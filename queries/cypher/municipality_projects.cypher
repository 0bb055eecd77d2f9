// Projects that $ags takes part in, directly, with role and provenance (sources: every source URL of the membership).
MATCH (m:Municipality {ags: $ags})-[r:PARTICIPATES_IN]->(p:Project)
RETURN p.id AS id, p.name AS name, p.kind AS kind, r.role AS role, r.status AS status,
       r.source AS source, r.sources AS sources, r.as_of AS as_of
ORDER BY id
