// Small towns (population below $max_population) in total and how many take part in a project.
MATCH (m:Municipality)
WHERE m.population < $max_population AND m.valid_until IS NULL
OPTIONAL MATCH (m)-[:PARTICIPATES_IN]->(p:Project)
WITH m, count(p) AS n
RETURN count(m) AS total, count(CASE WHEN n > 0 THEN 1 END) AS connected
