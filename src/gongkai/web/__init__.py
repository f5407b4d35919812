"""The platform (Django). Calls the core; the core never calls it."""
