"""The main window and the shell painted before anything else is loaded."""
