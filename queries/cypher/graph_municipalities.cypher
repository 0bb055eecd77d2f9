// Analysis graph: every current municipality (not history: valid_until unset) with its attributes, its Kreis key and (if any) its Gemeindeverband key.
MATCH (m:Municipality)
WHERE m.valid_until IS NULL
OPTIONAL MATCH (m)-[:IN_DISTRICT]->(d:District)
OPTIONAL MATCH (m)-[:IN_ASSOCIATION]->(v:MunicipalAssociation)
RETURN m.ags AS ags, m.name AS name, m.official_name AS official_name,
       m.population AS population, m.area_km2 AS area_km2, m.lat AS lat, m.lon AS lon,
       m.urbanisation AS urbanisation, m.urbanisation_code AS urbanisation_code,
       m.legal_type AS legal_type, d.key AS district, v.key AS association
