// municipality_neighbours for every municipality at once (of: the municipality's AGS).
MATCH (m:Municipality)-[r:NEIGHBOUR_OF]-(n:Municipality)
RETURN DISTINCT m.ags AS of, n.ags AS ags, n.name AS name, r.contact AS contact
ORDER BY of, name, ags
