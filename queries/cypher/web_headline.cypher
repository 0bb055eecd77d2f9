// Headline figures for the start page: municipalities, projects, memberships (PARTICIPATES_IN).
MATCH (m:Municipality)
WITH count(m) AS municipalities
OPTIONAL MATCH (p:Project)
WITH municipalities, count(p) AS projects
OPTIONAL MATCH ()-[r:PARTICIPATES_IN]->()
RETURN municipalities, projects, count(r) AS memberships
