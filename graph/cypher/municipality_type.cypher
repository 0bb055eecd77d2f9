// The MunicipalityType node with id $type_id (with its name), if the vocabulary is imported.
MATCH (t:MunicipalityType {id: $type_id})
RETURN t.id AS id, t.name AS name
