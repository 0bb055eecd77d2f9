// Projects of $ags (directly, via its Kreis or via its Gemeindeverband) with their programme, if any, and the membership's source and date.
MATCH (m:Municipality {ags: $ags})-[r:PARTICIPATES_IN]->(p:Project)
OPTIONAL MATCH (p)-[:PART_OF]->(g:Programme)
RETURN 'Municipality' AS via_kind, m.ags AS via_key, p.id AS id, p.name AS name,
       p.kind AS kind, p.status AS status, r.role AS role, g.id AS programme_id,
       g.name AS programme_name, g.funder AS programme_funder,
       r.source AS source, r.as_of AS as_of
UNION ALL
MATCH (m:Municipality {ags: $ags})-[:IN_DISTRICT]->(d:District)-[r:PARTICIPATES_IN]->(p:Project)
OPTIONAL MATCH (p)-[:PART_OF]->(g:Programme)
RETURN 'District' AS via_kind, d.key AS via_key, p.id AS id, p.name AS name,
       p.kind AS kind, p.status AS status, r.role AS role, g.id AS programme_id,
       g.name AS programme_name, g.funder AS programme_funder,
       r.source AS source, r.as_of AS as_of
UNION ALL
MATCH (m:Municipality {ags: $ags})-[:IN_ASSOCIATION]->(v:MunicipalAssociation)-[r:PARTICIPATES_IN]->(p:Project)
OPTIONAL MATCH (p)-[:PART_OF]->(g:Programme)
RETURN 'MunicipalAssociation' AS via_kind, v.key AS via_key, p.id AS id, p.name AS name,
       p.kind AS kind, p.status AS status, r.role AS role, g.id AS programme_id,
       g.name AS programme_name, g.funder AS programme_funder,
       r.source AS source, r.as_of AS as_of
