// Current municipalities (not history) in at least one project, with Kreis, Land, project count and analytics fields.
MATCH (m:Municipality)-[:PARTICIPATES_IN]->(p:Project)
WHERE m.valid_until IS NULL
WITH m, count(p) AS projects
MATCH (m)-[:IN_DISTRICT]->(d:District)-[:IN_STATE]->(s:State)
RETURN m.ags AS ags, m.name AS name, m.population AS population, m.lat AS lat, m.lon AS lon,
       m.degree AS degree, m.pagerank AS pagerank, m.betweenness AS betweenness,
       m.community AS community, d.key AS district_key, d.name AS district,
       s.key AS state_key, s.name AS state, projects
