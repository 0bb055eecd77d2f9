// IT providers serving $ags directly, via its Kreis or via its Gemeindeverband.
MATCH (m:Municipality {ags: $ags})-[r:SERVED_BY]->(o:Organisation)
RETURN 'Municipality' AS via_kind, m.ags AS via_key, o.id AS id, o.name AS name,
       o.kind AS kind, r.certainty AS certainty
UNION ALL
MATCH (m:Municipality {ags: $ags})-[:IN_DISTRICT]->(d:District)-[r:SERVED_BY]->(o:Organisation)
RETURN 'District' AS via_kind, d.key AS via_key, o.id AS id, o.name AS name,
       o.kind AS kind, r.certainty AS certainty
UNION ALL
MATCH (m:Municipality {ags: $ags})-[:IN_ASSOCIATION]->(v:MunicipalAssociation)-[r:SERVED_BY]->(o:Organisation)
RETURN 'MunicipalAssociation' AS via_kind, v.key AS via_key, o.id AS id, o.name AS name,
       o.kind AS kind, r.certainty AS certainty
