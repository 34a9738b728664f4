"""Platform-neutral knowledge in rooms: store, seeding, answering, editing, reporting, records."""
