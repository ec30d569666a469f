"""The Lessons page: the list, the resume card, importing packs."""
