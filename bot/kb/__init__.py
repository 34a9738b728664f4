"""The /kb admin commands: parsing, permissions and the calls into the knowledge store."""
