// Self-reported profile of $ags: type, roles, e-government components, participation tools.
MATCH (m:Municipality {ags: $ags})-[r]->(x)
WHERE head(labels(x)) IN ['MunicipalityType', 'Role', 'EGovComponent', 'ParticipationTool']
RETURN CASE head(labels(x)) WHEN 'MunicipalityType' THEN 'type' WHEN 'Role' THEN 'role'
       WHEN 'EGovComponent' THEN 'component' ELSE 'tool' END AS kind, x.name AS name
