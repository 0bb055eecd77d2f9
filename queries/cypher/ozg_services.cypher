// Every OZG-Leistung with its Lebenslage, its Themenfeld and the number of projects linked to it, for the OZG typeahead and the name lookup.
MATCH (o:OZGService)
OPTIONAL MATCH (o)-[:IN_SERVICE_AREA]->(a:ServiceArea)
OPTIONAL MATCH (o)-[:IN_LIFE_SITUATION]->(l:LifeSituation)
OPTIONAL MATCH (p:Project)-[:IMPLEMENTS]->(o)
RETURN o.ozg_id AS id, o.name AS name, l.name AS lebenslage, a.name AS themenfeld,
       count(DISTINCT p) AS projects
