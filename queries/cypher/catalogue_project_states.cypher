// Länder of every project: the State of each member municipality, Gemeindeverband or Kreis (project id, state key and name).
MATCH (m:Municipality)-[:PARTICIPATES_IN]->(p:Project)
MATCH (m)-[:IN_DISTRICT]->(:District)-[:IN_STATE]->(s:State)
RETURN DISTINCT p.id AS project, s.key AS state, s.name AS state_name
UNION
MATCH (v:MunicipalAssociation)-[:PARTICIPATES_IN]->(p:Project)
MATCH (v)-[:IN_DISTRICT]->(:District)-[:IN_STATE]->(s:State)
RETURN DISTINCT p.id AS project, s.key AS state, s.name AS state_name
UNION
MATCH (d:District)-[:PARTICIPATES_IN]->(p:Project)
MATCH (d)-[:IN_STATE]->(s:State)
RETURN DISTINCT p.id AS project, s.key AS state, s.name AS state_name
