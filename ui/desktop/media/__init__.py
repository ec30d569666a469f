"""Media keys, headset buttons and the desktop's media controls, reaching the lesson on screen."""
