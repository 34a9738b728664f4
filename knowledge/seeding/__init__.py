"""The seed format: reading and checking the seed files and first use of a store."""

from knowledge.seeding.first_use import ensure_store, is_seeded, reset_store, seed_store
from knowledge.seeding.seed_loader import SeedData, build_rows, read_seed

__all__ = [
    "SeedData",
    "build_rows",
    "ensure_store",
    "is_seeded",
    "read_seed",
    "reset_store",
    "seed_store",
]
