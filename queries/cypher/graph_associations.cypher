// Analysis graph: every Gemeindeverband (Amt, Verbandsgemeinde, ...) with its kind and Kreis key.
MATCH (v:MunicipalAssociation)
OPTIONAL MATCH (v)-[:IN_DISTRICT]->(d:District)
RETURN v.key AS key, v.name AS name, v.kind AS kind, d.key AS district
