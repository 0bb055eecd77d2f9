"""Write every Cypher statement that Neo4jStore generates into a folder.

Usage: python tools/cypher-lint/dump_neo4j_statements.py OUTDIR

One ``NAME.cypher`` per statement (constraints, indexes, batched writes,
deletes), plus ``schema.json`` with the schema's labels, relationship types
and property keys, so that ``lint.mjs`` can flag names that the schema does
not define. Needs no server, only the installed package (the project's virtualenv);
``lint.mjs`` runs this itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    from kommunalgraph.graph import neo4j_store, schema  # needs the installed package

    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    statements = neo4j_store.all_statements()
    for name, text in statements:
        (out / f"{name}.cypher").write_text(text + "\n", "utf-8")
    props = sorted({p for t in (*schema.NODE_TYPES, *schema.REL_TYPES) for p in t.all_properties})
    (out / "schema.json").write_text(json.dumps({
        "labels": [nt.label for nt in schema.NODE_TYPES],
        "relationshipTypes": [rt.type for rt in schema.REL_TYPES],
        "propertyKeys": props,
    }, indent=1), "utf-8")
    print(f"{len(statements)} statements written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
