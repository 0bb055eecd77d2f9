// Every OZG Themenfeld (id, name) for filters.
MATCH (t:ServiceArea)
RETURN t.id AS id, t.name AS name
ORDER BY name
