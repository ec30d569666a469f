"""The Settings page and the stored settings it edits."""
