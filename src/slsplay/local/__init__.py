"""The local runtime: reads template.yaml and runs its wiring in one process."""
