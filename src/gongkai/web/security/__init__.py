"""Input hygiene, client addresses, rate limits and submission keys (docs/platform.md#security)."""
