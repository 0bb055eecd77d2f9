// Topic rules: every project with the texts the rules read (name, kind, description, publiccode categories, programme name, one row per membership note) and the sources of project and note.
MATCH (p:Project)
OPTIONAL MATCH (p)-[:PART_OF]->(g:Programme)
OPTIONAL MATCH (m)-[r:PARTICIPATES_IN]->(p)
RETURN p.id AS id, p.name AS name, p.kind AS kind, p.description AS description,
       p.categories AS categories, g.name AS programme, p.source AS source,
       p.as_of AS as_of, r.note AS note, r.source AS note_source, r.as_of AS note_as_of
