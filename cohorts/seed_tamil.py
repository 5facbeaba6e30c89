"""The demo's cohorts index in Tamil (its cohorts are listed in English until
they are translated: home.translations)."""

LANGUAGE = "ta"

INDEX = {
    "title": "தொகுதிகள்",
    "intro": (
        "<p>இந்திய மொழிகளுக்காகச் செயற்கை நுண்ணறிவை உருவாக்கும் புத்தொழில் "
        "நிறுவனங்களுக்கான ஆறு மாதத் தொகுதிகள்: கணினி வளக் கடன்கள், "
        "வழிகாட்டுதல், திறந்த மாதிரிகளுக்கான அணுகல்.</p>"
    ),
}
