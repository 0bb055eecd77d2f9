// The MunicipalityType node with id $type_id, if the vocabulary has been imported.
MATCH (t:MunicipalityType {id: $type_id})
RETURN t.id AS id, t.name AS name
