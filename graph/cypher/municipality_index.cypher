// Name resolution index: every current municipality with its Kreis, Land and population.
MATCH (m:Municipality)-[:IN_DISTRICT]->(d:District)-[:IN_STATE]->(s:State)
WHERE m.valid_until IS NULL
RETURN m.ags AS ags, m.ars AS ars, m.name AS name, m.official_name AS official_name,
       m.population AS population,
       d.key AS district_key, d.name AS district, s.key AS state_key, s.name AS state
