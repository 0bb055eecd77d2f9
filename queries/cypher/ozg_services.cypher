// Every OZG-Leistung with its Themenfeld and the number of projects linked to it, for the OZG typeahead and the name lookup.
MATCH (o:OZGService)
OPTIONAL MATCH (o)-[:IN_SERVICE_AREA]->(a:ServiceArea)
OPTIONAL MATCH (p:Project)-[:IMPLEMENTS]->(o)
RETURN o.ozg_id AS id, o.name AS name, a.name AS themenfeld, count(p) AS projects
