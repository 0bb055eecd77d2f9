// Project catalogue: every project with kind, status, open-source flag and member count.
MATCH (p:Project)
OPTIONAL MATCH (x)-[r:PARTICIPATES_IN]->(p)
RETURN p.id AS id, p.name AS name, p.kind AS kind, p.status AS status,
       p.open_source AS open_source, p.licence AS licence, count(r) AS members
ORDER BY name, id
