// municipality_uses for every municipality at once (of: the municipality's AGS).
MATCH (m:Municipality)-[r:USES]->(c:EGovComponent)
RETURN m.ags AS of, c.id AS id, c.name AS name, c.kind AS kind, 'direkt' AS via, m.name AS via_name,
       r.product AS product, r.vendor AS vendor, r.platform AS platform,
       r.product_basis AS product_basis, r.url AS url, r.known_since AS known_since,
       r.known_until AS known_until, r.historical AS historical, r.certainty AS certainty,
       r.note AS note, r.source AS source, r.sources AS sources, r.as_of AS as_of,
       r.importer AS importer, r.dataset AS dataset
UNION ALL
MATCH (m:Municipality)-[r:USES]->(c:ParticipationTool)
RETURN m.ags AS of, c.id AS id, c.name AS name, c.kind AS kind, 'direkt' AS via, m.name AS via_name,
       r.product AS product, r.vendor AS vendor, r.platform AS platform,
       r.product_basis AS product_basis, r.url AS url, r.known_since AS known_since,
       r.known_until AS known_until, r.historical AS historical, r.certainty AS certainty,
       r.note AS note, r.source AS source, r.sources AS sources, r.as_of AS as_of,
       r.importer AS importer, r.dataset AS dataset
UNION ALL
MATCH (m:Municipality)-[:IN_ASSOCIATION]->(v:MunicipalAssociation)-[r:USES]->(c:EGovComponent)
RETURN m.ags AS of, c.id AS id, c.name AS name, c.kind AS kind, 'über den Gemeindeverband' AS via,
       v.name AS via_name,
       r.product AS product, r.vendor AS vendor, r.platform AS platform,
       r.product_basis AS product_basis, r.url AS url, r.known_since AS known_since,
       r.known_until AS known_until, r.historical AS historical, r.certainty AS certainty,
       r.note AS note, r.source AS source, r.sources AS sources, r.as_of AS as_of,
       r.importer AS importer, r.dataset AS dataset
UNION ALL
MATCH (m:Municipality)-[:IN_ASSOCIATION]->(v:MunicipalAssociation)-[r:USES]->(c:ParticipationTool)
RETURN m.ags AS of, c.id AS id, c.name AS name, c.kind AS kind, 'über den Gemeindeverband' AS via,
       v.name AS via_name,
       r.product AS product, r.vendor AS vendor, r.platform AS platform,
       r.product_basis AS product_basis, r.url AS url, r.known_since AS known_since,
       r.known_until AS known_until, r.historical AS historical, r.certainty AS certainty,
       r.note AS note, r.source AS source, r.sources AS sources, r.as_of AS as_of,
       r.importer AS importer, r.dataset AS dataset
