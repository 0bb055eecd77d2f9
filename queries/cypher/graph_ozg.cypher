// Analysis graph: every OZG-Leistung with its Themenfeld (id and name, null if none).
MATCH (o:OZGService)
OPTIONAL MATCH (o)-[:IN_SERVICE_AREA]->(a:ServiceArea)
RETURN o.ozg_id AS ozg_id, o.name AS name, a.id AS area, a.name AS area_name
