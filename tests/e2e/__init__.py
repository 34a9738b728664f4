"""End-to-end tests: the real web app, the CLI and the scheduler as real processes."""
