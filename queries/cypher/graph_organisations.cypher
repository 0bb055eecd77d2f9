// Analysis graph: every organisation (IT provider, association, company, ...).
MATCH (o:Organisation)
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.seat AS seat
