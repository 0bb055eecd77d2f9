"""Reproducer for upstream: a node-table COPY from an Arrow table keeps buffer-pool memory.

Run with the project's virtualenv::

    .venv/bin/python tools/ladybug_copy_leak.py arrow    # fails after ~140 rounds (256 MB pool)
    .venv/bin/python tools/ladybug_copy_leak.py parquet  # the same rows from a file: 400 rounds

Each round copies 50 new nodes; nothing else runs. With ``arrow`` Ladybug 0.22.0 reports
"Buffer manager exception: Unable to allocate memory! The buffer pool is full and no memory
could be freed!" (kuzudb/kuzu#5779 reports the same of Kùzu). See docs/decisions.md, 2.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import ladybug
import pyarrow as pa
import pyarrow.parquet as pq


def main(mode: str, rounds: int = 400) -> int:
    folder = Path(tempfile.mkdtemp())
    db = ladybug.Database(str(folder / "db"), buffer_pool_size=256 * 1024 * 1024)
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE P(id STRING, name STRING, description STRING, "
                 "PRIMARY KEY(id))")
    for i in range(rounds):
        ids = [f"r{i}-{k}" for k in range(50)]
        table = pa.table({"id": ids, "name": ["x"] * 50, "description": ["y" * 200] * 50})
        try:
            if mode == "arrow":
                conn.execute("COPY P FROM $t", {"t": table})
            else:
                path = folder / f"rows{i}.parquet"
                pq.write_table(table, path)
                conn.execute(f"COPY P FROM '{path.as_posix()}'")
        except RuntimeError as e:
            print(f"{mode}: failed in round {i + 1}: {e}")
            return 1
    print(f"{mode}: {rounds} rounds, no failure (ladybug {ladybug.__version__})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "arrow"))
