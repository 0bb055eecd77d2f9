// Analysis graph: self-reported profile edges: roles (HAS_ROLE with title, no personal data), e-government components (USES), participation tools (OFFERS).
MATCH (m:Municipality)-[r:HAS_ROLE]->(x:Role)
RETURN m.ags AS ags, 'Role' AS label, 'HAS_ROLE' AS rel, x.id AS id, x.name AS name
UNION ALL
MATCH (m:Municipality)-[r:USES]->(x:EGovComponent)
RETURN m.ags AS ags, 'EGovComponent' AS label, 'USES' AS rel, x.id AS id, x.name AS name
UNION ALL
MATCH (m:Municipality)-[r:OFFERS]->(x:ParticipationTool)
RETURN m.ags AS ags, 'ParticipationTool' AS label, 'OFFERS' AS rel, x.id AS id, x.name AS name
