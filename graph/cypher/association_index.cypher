// Name index of Gemeindeverbände (Amt, Verbandsgemeinde, Samtgemeinde, GVV …): key (9 digits), name, kind.
MATCH (a:MunicipalAssociation)
RETURN a.key AS key, a.name AS name, a.kind AS kind
