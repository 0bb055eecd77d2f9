// Name resolution index: every municipality with its Kreis and Land.
MATCH (m:Municipality)-[:IN_DISTRICT]->(d:District)-[:IN_STATE]->(s:State)
RETURN m.ags AS ags, m.ars AS ars, m.name AS name, m.official_name AS official_name,
       d.key AS district_key, d.name AS district, s.key AS state_key, s.name AS state
