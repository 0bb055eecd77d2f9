// Analysis graph: which project implements which OZG-Leistung, directly or through a LeiKa service that belongs to it.
MATCH (p:Project)-[:IMPLEMENTS]->(o:OZGService)
RETURN p.id AS project, o.ozg_id AS ozg_id, 'direct' AS via
UNION ALL
MATCH (p:Project)-[:IMPLEMENTS]->(l:LeikaService)-[:BELONGS_TO]->(o:OZGService)
RETURN p.id AS project, o.ozg_id AS ozg_id, 'leika' AS via
