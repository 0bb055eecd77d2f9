// Analysis graph: every shared border as one (a, b) pair of AGS, with its contact
// ("line": a common border line; "point": the areas meet in a corner only).
MATCH (a:Municipality)-[r:NEIGHBOUR_OF]->(b:Municipality)
RETURN a.ags AS a, b.ags AS b, r.contact AS contact
