"""The schema's object types and enums, one module per product concept, each with the
functions that turn the services' domain objects into them."""
