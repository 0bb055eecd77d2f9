// Current municipalities that reported type $type_id (HAS_TYPE), largest first, at most $limit.
MATCH (m:Municipality)-[r:HAS_TYPE]->(t:MunicipalityType {id: $type_id})
WHERE m.valid_until IS NULL
RETURN m.ags AS ags, m.name AS name, r.answered_at AS answered_at
ORDER BY m.population DESC, m.ags
LIMIT $limit
