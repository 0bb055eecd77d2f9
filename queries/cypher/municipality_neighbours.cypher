// Municipalities that share a border with $ags (NEIGHBOUR_OF is stored once per pair),
// with the contact: "line" (a common border line) or "point" (a corner only).
MATCH (m:Municipality {ags: $ags})-[r:NEIGHBOUR_OF]-(n:Municipality)
RETURN DISTINCT n.ags AS ags, n.name AS name, r.contact AS contact
ORDER BY name, ags
