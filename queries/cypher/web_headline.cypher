// Headline figures for the start page: current municipalities, projects, memberships (PARTICIPATES_IN).
MATCH (m:Municipality)
WHERE m.valid_until IS NULL
WITH count(m) AS municipalities
OPTIONAL MATCH (p:Project)
WITH municipalities, count(p) AS projects
OPTIONAL MATCH ()-[r:PARTICIPATES_IN]->()
RETURN municipalities, projects, count(r) AS memberships
