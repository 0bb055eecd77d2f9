// Roles of $ags (HAS_ROLE) with title and the personal contact data and consent (filtered in Python).
MATCH (m:Municipality {ags: $ags})-[r:HAS_ROLE]->(x:Role)
RETURN x.id AS id, x.name AS name, r.title AS title, r.contact_name AS contact_name,
       r.contact_email AS contact_email, r.consent AS consent
ORDER BY id
