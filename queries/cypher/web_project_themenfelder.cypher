// Themenfelder of every project (or of project $id unless it is empty): through the OZG services it implements, or linked directly (topic rules).
MATCH (p:Project)-[:IMPLEMENTS]->(s:OZGService)-[:IN_SERVICE_AREA]->(t:ServiceArea)
WHERE $id = '' OR p.id = $id
RETURN p.id AS project, t.id AS id, t.name AS name
UNION
MATCH (p:Project)-[:IMPLEMENTS]->(t:ServiceArea)
WHERE $id = '' OR p.id = $id
RETURN p.id AS project, t.id AS id, t.name AS name
