// Name resolution index: every Kreis with its Land.
MATCH (d:District)-[:IN_STATE]->(s:State)
RETURN d.key AS key, d.name AS name, s.key AS state_key, s.name AS state
