"""At the door: short ticket codes, the check-in desk per event, offline sync."""
