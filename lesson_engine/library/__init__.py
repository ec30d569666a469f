"""Finding lessons: the bundled ones, imported packs, the index that lists them without parsing."""
