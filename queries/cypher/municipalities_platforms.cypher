// municipality_platforms for every municipality at once (of: the municipality's AGS).
MATCH (m:Municipality)-[:ON_PLATFORM]->(p:Platform)
MATCH (x)-[:ON_PLATFORM]->(p)
RETURN m.ags AS of, p.id AS id, p.name AS name, p.component AS component, p.url AS url,
       count(DISTINCT x) AS users
UNION
MATCH (m:Municipality)-[:IN_ASSOCIATION]->(:MunicipalAssociation)-[:ON_PLATFORM]->(p:Platform)
MATCH (x)-[:ON_PLATFORM]->(p)
RETURN m.ags AS of, p.id AS id, p.name AS name, p.component AS component, p.url AS url,
       count(DISTINCT x) AS users
