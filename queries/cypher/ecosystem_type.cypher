// The ÖFIT/KGSt type that $ags reported (HAS_TYPE), with the date of the answers.
MATCH (m:Municipality {ags: $ags})-[r:HAS_TYPE]->(t:MunicipalityType)
RETURN t.id AS id, t.name AS name, r.answered_at AS answered_at
ORDER BY answered_at DESC, id
