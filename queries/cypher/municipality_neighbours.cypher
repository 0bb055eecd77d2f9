// Municipalities that share a border with $ags (NEIGHBOUR_OF is stored once per pair).
MATCH (m:Municipality {ags: $ags})-[:NEIGHBOUR_OF]-(n:Municipality)
RETURN DISTINCT n.ags AS ags, n.name AS name
ORDER BY name, ags
