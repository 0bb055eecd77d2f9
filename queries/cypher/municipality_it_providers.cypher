// IT providers that serve $ags, directly or through its Kreis.
MATCH (m:Municipality {ags: $ags})-[r:SERVED_BY]->(o:Organisation)
RETURN o.id AS id, o.name AS name, r.certainty AS certainty, 'direkt' AS via
ORDER BY name
