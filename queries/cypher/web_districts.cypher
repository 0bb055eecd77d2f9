// Every Kreis with its Land (for filters and the network overview).
MATCH (d:District)-[:IN_STATE]->(s:State)
RETURN d.key AS key, d.name AS name, d.kind AS kind, s.key AS state_key, s.name AS state
ORDER BY key
