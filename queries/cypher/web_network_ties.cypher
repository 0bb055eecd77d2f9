// Pairs of current municipalities sharing projects (of kind $kind unless empty), with the shared count.
MATCH (a:Municipality)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(b:Municipality)
WHERE a.ags < b.ags AND ($kind = '' OR p.kind = $kind)
      AND a.valid_until IS NULL AND b.valid_until IS NULL
RETURN a.ags AS a, b.ags AS b, count(p) AS shared
