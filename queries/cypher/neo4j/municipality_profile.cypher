// Self-reported profile of $ags: type, roles, e-government components, participation tools (not the facts that $fact_importers imported).
// params: {"ags": "05954036", "fact_importers": ["components", "participation"]}
MATCH (m:Municipality {ags: $ags})-[r]->(x)
WHERE head(labels(x)) IN ['MunicipalityType', 'Role', 'EGovComponent', 'ParticipationTool']
  AND (r.importer IS NULL OR NOT r.importer IN $fact_importers)
RETURN CASE head(labels(x)) WHEN 'MunicipalityType' THEN 'type' WHEN 'Role' THEN 'role'
       WHEN 'EGovComponent' THEN 'component' ELSE 'tool' END AS kind, x.name AS name
