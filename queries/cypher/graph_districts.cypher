// Analysis graph: every Kreis with its kind and its Land key.
MATCH (d:District)
OPTIONAL MATCH (d)-[:IN_STATE]->(s:State)
RETURN d.key AS key, d.name AS name, d.kind AS kind, s.key AS state
