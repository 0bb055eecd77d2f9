// municipality_profile for every municipality at once (of: the municipality's AGS).
// params: {"fact_importers": ["components", "participation"]}
MATCH (m:Municipality)-[r]->(x)
WHERE label(x) IN ['MunicipalityType', 'Role', 'EGovComponent', 'ParticipationTool']
  AND (r.importer IS NULL OR NOT r.importer IN $fact_importers)
RETURN m.ags AS of, CASE label(x) WHEN 'MunicipalityType' THEN 'type' WHEN 'Role' THEN 'role'
       WHEN 'EGovComponent' THEN 'component' ELSE 'tool' END AS kind, x.name AS name
