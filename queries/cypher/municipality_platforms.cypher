// Shared platforms of $ags (directly or through its Gemeindeverband) and how many bodies share each (users).
MATCH (m:Municipality {ags: $ags})-[:ON_PLATFORM]->(p:Platform)
MATCH (x)-[:ON_PLATFORM]->(p)
RETURN p.id AS id, p.name AS name, p.component AS component, p.url AS url,
       count(DISTINCT x) AS users
UNION
MATCH (m:Municipality {ags: $ags})-[:IN_ASSOCIATION]->(:MunicipalAssociation)-[:ON_PLATFORM]->(p:Platform)
MATCH (x)-[:ON_PLATFORM]->(p)
RETURN p.id AS id, p.name AS name, p.component AS component, p.url AS url,
       count(DISTINCT x) AS users
