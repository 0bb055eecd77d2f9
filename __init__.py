"""kommunalgraph: a knowledge graph of German municipalities and their digital cooperation."""

__version__ = "0.1.0"
