// Population and coordinates of the municipalities with AGS in $ags_list.
MATCH (m:Municipality)
WHERE m.ags IN $ags_list
RETURN m.ags AS ags, m.population AS population, m.lat AS lat, m.lon AS lon
