"""Use cases: functions that take ports, apply the domain's rules and store the result."""
