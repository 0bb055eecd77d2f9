// Analysis graph ("same product"): each current municipality's component in use with a named product (USES with product), and whether the fact is historical.
MATCH (m:Municipality)-[u:USES]->(c)
WHERE u.product IS NOT NULL AND m.valid_until IS NULL
RETURN m.ags AS ags, c.id AS component, c.name AS component_name, u.product AS product,
       u.historical AS historical
