// municipality_neighbours for every municipality at once (of: the municipality's AGS).
MATCH (m:Municipality)-[r:NEIGHBOUR_OF]-(n:Municipality)
WHERE n.valid_until IS NULL
RETURN DISTINCT m.ags AS of, n.ags AS ags, n.name AS name, r.contact AS contact
ORDER BY of, name, ags
