"""Django format modules (FORMAT_MODULE_PATH): any `|date` or admin value without
an explicit format falls back to the house style of home/timefmt.py — 12-hour
clock with AM/PM (पूर्वाह्न/अपराह्न in Hindi, from our catalogue) and the
standalone month name (`E`: "दिसंबर"). Every language in LANGUAGES has a
`<code>/formats.py` that star-imports `house`. Named times still go through
home.timefmt, which also names the zone.
"""
