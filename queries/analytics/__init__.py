"""Analytics over the whole cooperation graph: pure functions of a networkx graph.

``network`` loads the analysis graph from a store (read only); ``centrality``
and ``underconnected`` compute on it. Nothing here writes to the store: what
an analysis stores goes through ``importers/`` (see ``importers/analytics.py``).
"""
