// Every municipality with its Kreis, Land and (if any) Gemeindeverband: municipality_detail for all at once (of: the municipality's AGS).
MATCH (m:Municipality)-[:IN_DISTRICT]->(d:District)-[:IN_STATE]->(s:State)
OPTIONAL MATCH (m)-[:IN_ASSOCIATION]->(v:MunicipalAssociation)
RETURN m.ags AS of, m.ags AS ags, m.ars AS ars, m.name AS name, m.official_name AS official_name,
       m.population AS population, m.area_km2 AS area_km2, m.lat AS lat, m.lon AS lon,
       m.postcode AS postcode, m.legal_type AS legal_type, m.urbanisation AS urbanisation,
       m.source AS source, m.as_of AS as_of, m.geo_source AS geo_source,
       m.geo_as_of AS geo_as_of,
       d.key AS district_key, d.name AS district_name, s.key AS state_key,
       s.name AS state_name, v.key AS association_key, v.name AS association_name
ORDER BY of
