"""The demo's calls for compute: one open, one closed, in English and Hindi.

Dates are set relative to now only when a call is created, so running the seed
again changes nothing.
"""

import datetime as dt

from django.utils import timezone

from home.demo import get_locale, upsert_page, upsert_translation
from home.models import HomePage

from .groups import ensure_groups
from .models import CallPage, CallReportDate, CallRubricCriterion, ComputeIndexPage


def q(kind, label, help_text="", required=True, **extra):
    value = {"label": label, "help_text": help_text, "required": required, **extra}
    return {"type": kind, "value": value}


# (English, Hindi): the questions of the open call.
QUESTIONS = [
    (
        q(
            "long_text",
            "What data will you train or evaluate on, and how was it collected?",
            "Name the languages and say how the people in it consented.",
            word_limit=200,
        ),
        q(
            "long_text",
            "आप किस डेटा पर प्रशिक्षण या मूल्यांकन करेंगे, और वह कैसे इकट्ठा हुआ?",
            "भाषाओं के नाम बताएँ और बताएँ कि उसमें शामिल लोगों ने सहमति कैसे दी।",
            word_limit=200,
        ),
    ),
    (
        q("url", "Link to earlier work (paper, model or code)", required=False),
        q("url", "पिछले काम का लिंक (शोध-पत्र, मॉडल या कोड)", required=False),
    ),
]

RUBRIC = [
    (
        "Benefit to low-resource languages",
        "Does the work serve languages with little data?",
        2,
        5,
    ),
    ("Feasibility", "Can the team do it with the hours asked?", 1, 5),
    ("Openness", "Will models, data or code be released openly?", 1, 5),
]

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


def _upsert_call(
    index, spec, *, budget, largest, open_days, close_days, reports, questions=()
):
    exists = CallPage.objects.child_of(index).filter(slug=spec["slug"]).exists()
    fields = dict(spec["en"], total_gpu_hours=budget, max_grant_gpu_hours=largest)
    fields["questions"] = [en for en, _hi in questions]
    if not exists:
        fields.update(_dates(open_days, close_days))
    call = upsert_page(index, CallPage, spec["slug"], **fields)
    if not call.report_dates.exists():
        closes = timezone.localdate(call.closes_at)
        call.report_dates = [
            CallReportDate(due_on=closes + dt.timedelta(days=days)) for days in reports
        ]
        call.rubric_criteria = [
            CallRubricCriterion(
                name=name, description=description, weight=weight, max_score=top
            )
            for name, description, weight, top in RUBRIC
        ]
        call.save_revision().publish()
    hindi = dict(spec["hi"])
    hindi_questions = [dict(hi) for _en, hi in questions]
    # The English questions' block ids: answers match across languages.
    for block, question in zip(call.questions.raw_data, hindi_questions, strict=True):
        question["id"] = block["id"]
    hindi["questions"] = hindi_questions
    upsert_translation(call, get_locale("hi"), **hindi)
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
        questions=QUESTIONS,
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
    ensure_groups()
    stdout.write("Compute calls ready: one open, one closed")
