// Analysis graph: every ÖFIT/KGSt municipality type and every HAS_TYPE edge (one row per type and member, member null if none).
MATCH (t:MunicipalityType)
OPTIONAL MATCH (m:Municipality)-[r:HAS_TYPE]->(t)
RETURN t.id AS id, t.name AS name, t.description AS description, m.ags AS ags,
       r.answered_at AS answered_at
