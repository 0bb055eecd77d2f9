"""One blueprint module per kind of page; each page has a JSON twin under ``/api/``."""
