// Analysis graph: every project with kind, status and start date, and the programmes it is PART_OF (one row per programme, programme null if none).
MATCH (p:Project)
OPTIONAL MATCH (p)-[:PART_OF]->(g:Programme)
RETURN p.id AS id, p.name AS name, p.kind AS kind, p.status AS status,
       p.start_date AS start_date, p.open_source AS open_source, g.id AS programme
