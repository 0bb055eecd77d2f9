// Municipalities taking part in project $id, with role, status, Kreis, Land and provenance;
// valid_until is set for one kept as history (it no longer exists under this AGS).
MATCH (m:Municipality)-[r:PARTICIPATES_IN]->(p:Project {id: $id})
OPTIONAL MATCH (m)-[:IN_DISTRICT]->(d:District)-[:IN_STATE]->(s:State)
RETURN m.ags AS key, m.name AS name, m.population AS population, r.role AS role,
       r.status AS status, r.certainty AS certainty, r.source AS source, r.as_of AS as_of,
       d.name AS district, s.name AS state, m.valid_until AS valid_until
ORDER BY name, key
