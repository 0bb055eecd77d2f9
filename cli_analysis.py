"""Analysis commands (suggest, candidates, ecosystem, ...): see issue 3."""
