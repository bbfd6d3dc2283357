"""The cloud's search of public meetups, kept in the one table (docs/search-index.md)."""
