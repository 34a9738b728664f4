"""Weekly reminders and digests (built on the knowledge package)."""
