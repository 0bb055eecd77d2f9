// One project by $id with its properties and provenance.
MATCH (p:Project {id: $id})
RETURN p.id AS id, p.name AS name, p.kind AS kind, p.status AS status,
       p.open_source AS open_source, p.licence AS licence, p.repository_url AS repository_url,
       p.start_date AS start_date, p.description AS description, p.source AS source,
       p.as_of AS as_of
