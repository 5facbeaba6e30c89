"""The demo's calls for compute: one open, one closed, in English and Hindi.

Dates are set relative to now only when a call is created, so running the seed
again changes nothing.
"""

import datetime as dt

from django.utils import timezone

from home.demo import get_locale, upsert_page, upsert_translation
from home.models import HomePage

from .models import CallPage, CallReportDate, ComputeIndexPage

INDEX = {
    "en": {
        "title": "Compute",
        "intro": (
            "<p>GPU-hours for researchers, university labs, non-profits, government "
            "bodies and startups with few resources, through open calls. Apply "
            "before the deadline; grantees report what the hours produced.</p>"
        ),
    },
    "hi": {
        "title": "कंप्यूट",
        "intro": (
            "<p>कम संसाधन वाले शोधकर्ताओं, विश्वविद्यालय प्रयोगशालाओं, गैर-लाभकारी "
            "संस्थाओं, सरकारी निकायों और स्टार्टअप के लिए खुली पुकारों के माध्यम से "
            "GPU-घंटे। अंतिम तिथि से पहले आवेदन करें; अनुदान पाने वाले बताते हैं कि "
            "घंटों से क्या बना।</p>"
        ),
    },
    "ta": {
        "title": "கணினி வளம்",
        "intro": (
            "<p>குறைந்த வளம் கொண்ட ஆய்வாளர்கள், பல்கலைக்கழக ஆய்வகங்கள், இலாப "
            "நோக்கற்ற அமைப்புகள், அரசு அமைப்புகள், ஸ்டார்ட்அப்களுக்கு திறந்த "
            "அழைப்புகள் மூலம் GPU-மணிநேரங்கள்.</p>"
        ),
    },
}

OPEN = {
    "slug": "low-resource-languages-2026",
    "en": {
        "title": "Compute for low-resource Indian languages, 2026",
        "summary": (
            "GPU-hours to train and evaluate speech and text models for Bodo, "
            "Santali, Dogri, Maithili and other languages with little data."
        ),
        "body": (
            "<p>We fund training runs, fine-tuning and evaluation. Priority goes to "
            "work that releases its models, data or code openly.</p>"
        ),
        "hardware": "NVIDIA H100 80 GB, in a data centre in India",
    },
    "hi": {
        "title": "कम संसाधन वाली भारतीय भाषाओं के लिए कंप्यूट, 2026",
        "summary": (
            "बोडो, संथाली, डोगरी, मैथिली और कम डेटा वाली अन्य भाषाओं के लिए वाक् और "
            "पाठ मॉडल को प्रशिक्षित और परखने के लिए GPU-घंटे।"
        ),
        "body": (
            "<p>हम प्रशिक्षण, फ़ाइन-ट्यूनिंग और मूल्यांकन के लिए अनुदान देते हैं। "
            "प्राथमिकता उस काम को है जो अपने मॉडल, डेटा या कोड खुले रूप में जारी करे।</p>"
        ),
        "hardware": "NVIDIA H100 80 GB, भारत के एक डेटा केंद्र में",
    },
}

CLOSED = {
    "slug": "public-services-2025",
    "en": {
        "title": "Compute for AI in public services, 2025",
        "summary": (
            "GPU-hours for projects that bring Indian-language AI to health, "
            "agriculture and government services."
        ),
        "body": "<p>This call has closed; grantees are reporting their use.</p>",
        "hardware": "NVIDIA A100 40 GB",
    },
    "hi": {
        "title": "सार्वजनिक सेवाओं में AI के लिए कंप्यूट, 2025",
        "summary": (
            "स्वास्थ्य, कृषि और सरकारी सेवाओं तक भारतीय भाषाओं का AI पहुँचाने वाली "
            "परियोजनाओं के लिए GPU-घंटे।"
        ),
        "body": "<p>यह पुकार बंद हो चुकी है; अनुदान पाने वाले अपने उपयोग की रिपोर्ट दे रहे हैं।</p>",
        "hardware": "NVIDIA A100 40 GB",
    },
}


def _dates(open_days: int, close_days: int) -> dict:
    now = timezone.localtime().replace(second=0, microsecond=0)
    return {
        "opens_at": (now + dt.timedelta(days=open_days)).replace(hour=10, minute=0),
        "closes_at": (now + dt.timedelta(days=close_days)).replace(hour=17, minute=30),
    }


def _upsert_call(index, spec, *, budget, largest, open_days, close_days, reports):
    exists = CallPage.objects.child_of(index).filter(slug=spec["slug"]).exists()
    fields = dict(spec["en"], total_gpu_hours=budget, max_grant_gpu_hours=largest)
    if not exists:
        fields.update(_dates(open_days, close_days))
    call = upsert_page(index, CallPage, spec["slug"], **fields)
    if not call.report_dates.exists():
        closes = timezone.localdate(call.closes_at)
        call.report_dates = [
            CallReportDate(due_on=closes + dt.timedelta(days=days)) for days in reports
        ]
        call.save_revision().publish()
    upsert_translation(call, get_locale("hi"), **spec["hi"])
    return call


def seed(stdout, options) -> None:
    home = HomePage.objects.filter(locale=get_locale("en")).first()
    if home is None:
        return
    index = upsert_page(
        home, ComputeIndexPage, "compute", show_in_menus=True, **INDEX["en"]
    )
    for code in ("hi", "ta"):
        upsert_translation(index, get_locale(code), **INDEX[code])
    _upsert_call(
        index,
        OPEN,
        budget=50000,
        largest=5000,
        open_days=-7,
        close_days=30,
        reports=[90, 180],
    )
    _upsert_call(
        index,
        CLOSED,
        budget=20000,
        largest=2500,
        open_days=-120,
        close_days=-60,
        reports=[30, 120],
    )
    stdout.write("Compute calls ready: one open, one closed")
