"""People and their roles in agencies; the one place where per-agency isolation is enforced (scope)."""
