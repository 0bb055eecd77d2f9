// Municipalities that share a border with $ags (NEIGHBOUR_OF is stored once per pair),
// with the contact: "line" (a common border line) or "point" (a corner only); current ones only
// (a neighbour kept as history, valid_until set, is not one any more).
MATCH (m:Municipality {ags: $ags})-[r:NEIGHBOUR_OF]-(n:Municipality)
WHERE n.valid_until IS NULL
RETURN DISTINCT n.ags AS ags, n.name AS name, r.contact AS contact
ORDER BY name, ags
