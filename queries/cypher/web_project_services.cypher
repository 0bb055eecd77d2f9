// OZG services that project $id implements.
MATCH (p:Project {id: $id})-[:IMPLEMENTS]->(s:OZGService)
RETURN s.ozg_id AS id, s.name AS name
ORDER BY name
