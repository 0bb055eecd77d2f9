// Current neighbours of $ags (not history) with their population, coordinates and number of direct projects.
MATCH (m:Municipality {ags: $ags})-[:NEIGHBOUR_OF]-(n:Municipality)
WHERE n.valid_until IS NULL
OPTIONAL MATCH (n)-[:PARTICIPATES_IN]->(p:Project)
RETURN n.ags AS ags, n.name AS name, n.population AS population, n.lat AS lat, n.lon AS lon,
       count(DISTINCT p) AS projects
ORDER BY name, ags
