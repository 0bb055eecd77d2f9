// Analysis graph: which project is linked to which Themenfeld directly (the topic rules' derived links), with the Themenfeld's name.
MATCH (p:Project)-[:IMPLEMENTS]->(a:ServiceArea)
RETURN p.id AS project, a.id AS area, a.name AS area_name
