// Analysis graph: every SERVED_BY edge (member label and key, organisation id, certainty, as_of).
MATCH (m:Municipality)-[r:SERVED_BY]->(o:Organisation)
RETURN 'Municipality' AS label, m.ags AS key, o.id AS organisation,
       r.certainty AS certainty, r.as_of AS as_of
UNION ALL
MATCH (m:District)-[r:SERVED_BY]->(o:Organisation)
RETURN 'District' AS label, m.key AS key, o.id AS organisation,
       r.certainty AS certainty, r.as_of AS as_of
UNION ALL
MATCH (m:MunicipalAssociation)-[r:SERVED_BY]->(o:Organisation)
RETURN 'MunicipalAssociation' AS label, m.key AS key, o.id AS organisation,
       r.certainty AS certainty, r.as_of AS as_of
