"""Exploration commands (ecosystem, underconnected, centrality, communities, typecheck, export): see issue 3."""
