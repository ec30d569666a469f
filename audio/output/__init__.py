"""Playing sound as the player says: the output protocol, the pygame mixer, the null output."""
