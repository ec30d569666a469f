"""What a session records, what Stop saves, lesson status and the resume offer."""
