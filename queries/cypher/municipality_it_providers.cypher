// IT providers that serve $ags: directly, or through its Kreis or Gemeindeverband (in_house: the municipality's own IT).
MATCH (m:Municipality {ags: $ags})-[r:SERVED_BY]->(o:Organisation)
RETURN o.id AS id, o.name AS name, r.certainty AS certainty, 'direkt' AS via, r.in_house AS in_house
UNION
MATCH (m:Municipality {ags: $ags})-[:IN_DISTRICT]->(d:District)-[r:SERVED_BY]->(o:Organisation)
RETURN o.id AS id, o.name AS name, r.certainty AS certainty, 'über den Kreis' AS via, r.in_house AS in_house
UNION
MATCH (m:Municipality {ags: $ags})-[:IN_ASSOCIATION]->(v:MunicipalAssociation)-[r:SERVED_BY]->(o:Organisation)
RETURN o.id AS id, o.name AS name, r.certainty AS certainty, 'über den Gemeindeverband' AS via, r.in_house AS in_house
