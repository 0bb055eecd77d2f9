// municipality_it_providers for every municipality at once (of: the municipality's AGS).
MATCH (m:Municipality)-[r:SERVED_BY]->(o:Organisation)
RETURN m.ags AS of, o.id AS id, o.name AS name, r.certainty AS certainty, 'direkt' AS via, r.in_house AS in_house
UNION
MATCH (m:Municipality)-[:IN_DISTRICT]->(d:District)-[r:SERVED_BY]->(o:Organisation)
RETURN m.ags AS of, o.id AS id, o.name AS name, r.certainty AS certainty, 'über den Kreis' AS via, r.in_house AS in_house
UNION
MATCH (m:Municipality)-[:IN_ASSOCIATION]->(v:MunicipalAssociation)-[r:SERVED_BY]->(o:Organisation)
RETURN m.ags AS of, o.id AS id, o.name AS name, r.certainty AS certainty, 'über den Gemeindeverband' AS via, r.in_house AS in_house
