"""One lesson on screen: check-in, the player view, its controller and the lesson flow."""
