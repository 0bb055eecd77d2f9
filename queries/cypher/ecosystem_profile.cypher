// E-government components (USES) and participation tools (OFFERS) that $ags reported.
MATCH (m:Municipality {ags: $ags})-[:USES]->(x:EGovComponent)
RETURN 'EGovComponent' AS kind, x.id AS id, x.name AS name
UNION ALL
MATCH (m:Municipality {ags: $ags})-[:OFFERS]->(x:ParticipationTool)
RETURN 'ParticipationTool' AS kind, x.id AS id, x.name AS name
