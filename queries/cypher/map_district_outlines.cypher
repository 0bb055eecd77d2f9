// Every Kreis with a map outline: key, outline (path data in the boundary file's units).
MATCH (d:District)
WHERE d.outline IS NOT NULL
RETURN d.key AS key, d.outline AS outline
ORDER BY key
