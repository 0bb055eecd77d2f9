// Analysis graph ("same product"): each current municipality's shared platform (ON_PLATFORM), with the platform's name.
MATCH (m:Municipality)-[:ON_PLATFORM]->(p:Platform)
WHERE m.valid_until IS NULL
RETURN m.ags AS ags, p.id AS platform, p.name AS platform_name
