// Kreise, Gemeindeverbände and organisations taking part in project $id (kind, key, name, role).
MATCH (d:District)-[r:PARTICIPATES_IN]->(p:Project {id: $id})
RETURN 'district' AS kind, d.key AS key, d.name AS name, r.role AS role, r.status AS status,
       r.source AS source
UNION ALL
MATCH (v:MunicipalAssociation)-[r:PARTICIPATES_IN]->(p:Project {id: $id})
RETURN 'association' AS kind, v.key AS key, v.name AS name, r.role AS role,
       r.status AS status, r.source AS source
UNION ALL
MATCH (o:Organisation)-[r:PARTICIPATES_IN]->(p:Project {id: $id})
RETURN 'organisation' AS kind, o.id AS key, o.name AS name, r.role AS role,
       r.status AS status, r.source AS source
