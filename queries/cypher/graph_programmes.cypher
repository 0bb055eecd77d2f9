// Analysis graph: every programme (id, name, funder).
MATCH (g:Programme)
RETURN g.id AS id, g.name AS name, g.funder AS funder
