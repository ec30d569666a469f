"""The Exercises page: the comparison of strength exercises by school, with sources."""
