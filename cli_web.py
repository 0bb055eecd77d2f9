"""Web commands (serve, demo): see issue 4."""
