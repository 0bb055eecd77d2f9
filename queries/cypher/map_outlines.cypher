// Every current municipality with a map outline: ags, outline (path data in the boundary file's units), x, y (a point inside).
MATCH (m:Municipality)
WHERE m.outline IS NOT NULL AND m.valid_until IS NULL
RETURN m.ags AS ags, m.outline AS outline, m.outline_x AS x, m.outline_y AS y
ORDER BY ags
