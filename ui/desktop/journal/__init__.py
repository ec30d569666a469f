"""The Journal page: sessions, notes, the soreness chart and the exports."""
