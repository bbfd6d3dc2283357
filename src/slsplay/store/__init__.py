"""The single-table design: keys, item <-> domain mapping, repositories on the ItemStore."""
