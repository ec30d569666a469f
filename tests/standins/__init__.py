"""Stand-in desktop services that tests start on a private D-Bus session bus."""
