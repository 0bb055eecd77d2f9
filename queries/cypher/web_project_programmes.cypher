// Programmes of every project (or of project $id unless it is empty): project id, programme id and name.
MATCH (p:Project)-[:PART_OF]->(g:Programme)
WHERE $id = '' OR p.id = $id
RETURN p.id AS project, g.id AS id, g.name AS name, g.funder AS funder
ORDER BY name
