"""Chat adapters, the CLI and the message templates: everything that talks to people."""
