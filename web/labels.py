"""German display labels for the data's code values (project kinds, roles, statuses).

Pure rendering: the value stays what it is in the data (and in every URL and JSON
answer); only the page shows a German word. The tables are ``graph/codes.py``.
"""

from __future__ import annotations

from ..graph.codes import label_de as de_label

__all__ = ["de_label"]
