// Analysis graph: every shared border as one (a, b) pair of AGS.
MATCH (a:Municipality)-[:NEIGHBOUR_OF]->(b:Municipality)
RETURN a.ags AS a, b.ags AS b
