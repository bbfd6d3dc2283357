"""The schema's mutations, one module per use case group; each takes an input and answers a
payload whose ``userErrors`` carry the refusals. The schema's ``Mutation`` joins them."""
