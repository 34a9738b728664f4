"""The knowledge store, seed data, matching and answer composition (platform-neutral)."""
