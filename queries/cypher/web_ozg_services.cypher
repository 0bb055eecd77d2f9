// Every OZG-Leistung (id, name) for the partner finder's choice list.
MATCH (s:OZGService)
RETURN s.ozg_id AS id, s.name AS name
ORDER BY name, id
