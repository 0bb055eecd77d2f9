// Topic rules: every OZG-Leistung with its Themenfeld (id, name) and every Themenfeld without one, to check the rule file against the imported catalogue.
MATCH (a:ServiceArea)
OPTIONAL MATCH (o:OZGService)-[:IN_SERVICE_AREA]->(a)
RETURN a.id AS area, a.name AS area_name, o.ozg_id AS ozg_id, o.name AS ozg_name
