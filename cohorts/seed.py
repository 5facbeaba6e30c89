"""Demo content of the cohorts app: an index, one open and one closed cohort, EN + HI.

Dates are set relative to now only when a cohort is created, so running the seed
again changes nothing (and makes no new revisions).
"""

import datetime as dt

from django.utils import timezone

from home.demo import demo_image, get_locale, upsert_page, upsert_translation
from home.models import HomePage

from . import seed_tamil
from .models import CohortIndexPage, CohortPage


def rt(html):
    return {"type": "paragraph", "value": html}


def faq_item(question, answer):
    return {"type": "item", "value": {"question": question, "answer": answer}}


def q(kind, label, help_text="", required=True, **extra):
    return {
        "type": kind,
        "value": {
            "label": label,
            "help_text": help_text,
            "required": required,
            **extra,
        },
    }


def items(labels, ids):
    """Choices with fixed ids, the same in both languages: answers store the id."""
    return [
        {"type": "item", "value": label, "id": item_id}
        for label, item_id in zip(labels, ids, strict=True)
    ]


MODEL_IDS = ["model-open-weight", "model-own", "model-speech", "model-other"]
DATA_IDS = ["data-text", "data-speech", "data-parallel", "data-documents"]


def _dates(open_days, close_days):
    now = timezone.localtime().replace(second=0, microsecond=0)
    opens = (now + dt.timedelta(days=open_days)).replace(hour=10, minute=0)
    closes = (now + dt.timedelta(days=close_days)).replace(hour=17, minute=30)
    selection = (closes + dt.timedelta(days=21)).date()
    start = selection + dt.timedelta(days=14)
    return {
        "applications_open_at": opens,
        "applications_close_at": closes,
        "selection_announced_on": selection,
        "programme_starts_on": start,
        "programme_ends_on": start + dt.timedelta(days=180),
    }


OPEN_QUESTIONS = [
    (
        q(
            "long_text",
            "What problem do you solve, and for whom?",
            "Tell us about your users and the languages they speak.",
            word_limit=200,
        ),
        q(
            "long_text",
            "आप कौन-सी समस्या हल करते हैं, और किसके लिए?",
            "अपने उपयोगकर्ताओं और उनकी भाषाओं के बारे में बताएँ।",
            word_limit=200,
        ),
    ),
    (
        q(
            "single_choice",
            "Which model family do you build on?",
            choices=items(
                ["Open-weight LLM", "Our own model", "Speech model", "Other"], MODEL_IDS
            ),
        ),
        q(
            "single_choice",
            "आप किस मॉडल परिवार पर निर्माण करते हैं?",
            choices=items(
                ["खुले भार वाला LLM", "हमारा अपना मॉडल", "वाक् मॉडल", "अन्य"], MODEL_IDS
            ),
        ),
    ),
    (
        q(
            "multiple_choice",
            "Which kinds of data do you have?",
            required=False,
            choices=items(
                ["Text", "Speech", "Parallel corpora", "Images of documents"], DATA_IDS
            ),
        ),
        q(
            "multiple_choice",
            "आपके पास किस प्रकार का डेटा है?",
            required=False,
            choices=items(
                ["पाठ", "वाक्", "समानांतर कॉर्पस", "दस्तावेज़ों की छवियाँ"], DATA_IDS
            ),
        ),
    ),
    (
        q("number", "How many active users do you have?", min_value=0),
        q("number", "आपके कितने सक्रिय उपयोगकर्ता हैं?", min_value=0),
    ),
    (
        q("url", "Link to a demo or repository", required=False),
        q("url", "डेमो या रिपॉज़िटरी का लिंक", required=False),
    ),
    (
        q("yes_no", "Have you received government funding before?"),
        q("yes_no", "क्या आपको पहले सरकारी अनुदान मिला है?"),
    ),
]


def seed(stdout, options) -> None:
    en, hi = get_locale("en"), get_locale("hi")
    home = HomePage.objects.filter(locale=en).first()
    if home is None:
        stdout.write("cohorts: no home page; run home's seed first")
        return
    index = upsert_page(
        home,
        CohortIndexPage,
        "cohorts",
        title="Cohorts",
        show_in_menus=True,
        intro=(
            "<p>Six-month cohorts for AI startups building for Indian languages: "
            "compute credits, mentoring and access to open models.</p>"
        ),
    )
    upsert_translation(
        index,
        hi,
        title="समूह",
        intro=(
            "<p>भारतीय भाषाओं के लिए AI बनाने वाले स्टार्टअप के छह महीने के समूह: "
            "कंप्यूट क्रेडिट, मेंटरिंग और खुले मॉडलों तक पहुँच।</p>"
        ),
    )
    upsert_translation(index, get_locale(seed_tamil.LANGUAGE), **seed_tamil.INDEX)
    existing = set(CohortPage.objects.child_of(index).values_list("slug", flat=True))

    open_slug = "indic-llm-cohort-3"
    open_fields = {
        "title": "Cohort 3: Indic-language LLMs",
        "theme": "Indic-language large language models",
        "summary": (
            "For startups fine-tuning and serving language models in Indian "
            "languages, low-resource languages first."
        ),
        "image": demo_image("Cohort: Indic LLMs"),
        "body": [
            rt(
                "<p>Over six months you will work with the Centre's researchers "
                "and the partner lab's open models to take a product from pilot "
                "to production.</p>"
            )
        ],
        "eligibility": (
            "<ul><li>Registered in India (DPIIT recognition welcome, not required)."
            "</li><li>A working prototype.</li><li>At least one Indian language "
            "beyond English and Hindi.</li></ul>"
        ),
        "compute_gpu_hours": 5000,
        "mentoring": "Weekly office hours with researchers and product mentors.",
        "model_access": "Early access to the partner lab's open-weight models.",
        "focus_languages": "Assamese, Bodo, Maithili, Santali and other low-resource languages",
        "places": 12,
        "faq": [
            faq_item(
                "Do we need DPIIT recognition?",
                "<p>No, but tell us if you have it.</p>",
            ),
            faq_item(
                "Can we apply with a team outside India?",
                "<p>The company must be registered in India.</p>",
            ),
        ],
        "questions": [en_q for en_q, _hi_q in OPEN_QUESTIONS],
    }
    if open_slug not in existing:
        open_fields.update(_dates(-10, 20))
    open_cohort = upsert_page(index, CohortPage, open_slug, **open_fields)
    hi_open = open_cohort.get_translation_or_none(hi)
    hi_questions = [dict(hi_q) for _en_q, hi_q in OPEN_QUESTIONS]
    # Keep the block ids of the English questions so answers match across languages.
    for block, hi_q in zip(open_cohort.questions.raw_data, hi_questions, strict=True):
        hi_q["id"] = block["id"]
    upsert_translation(
        open_cohort,
        hi,
        title="समूह 3: भारतीय भाषाओं के LLM",
        theme="भारतीय भाषाओं के बड़े भाषा मॉडल",
        summary=(
            "भारतीय भाषाओं में भाषा मॉडल को फ़ाइन-ट्यून और प्रस्तुत करने वाले स्टार्टअप के "
            "लिए, पहले कम संसाधन वाली भाषाएँ।"
        ),
        body=[
            rt(
                "<p>छह महीनों में आप केंद्र के शोधकर्ताओं और साझेदार प्रयोगशाला के खुले "
                "मॉडलों के साथ किसी उत्पाद को पायलट से उत्पादन तक ले जाएँगे।</p>"
            )
        ],
        eligibility=(
            "<ul><li>भारत में पंजीकृत (DPIIT मान्यता स्वागत योग्य, आवश्यक नहीं)।</li>"
            "<li>एक काम करता प्रोटोटाइप।</li><li>अंग्रेज़ी और हिन्दी के अलावा कम से "
            "कम एक भारतीय भाषा।</li></ul>"
        ),
        mentoring="शोधकर्ताओं और उत्पाद मेंटरों के साथ साप्ताहिक बैठकें।",
        model_access="साझेदार प्रयोगशाला के खुले भार वाले मॉडलों तक शीघ्र पहुँच।",
        focus_languages="असमिया, बोडो, मैथिली, संथाली और अन्य कम संसाधन वाली भाषाएँ",
        faq=[
            faq_item(
                "क्या हमें DPIIT मान्यता चाहिए?",
                "<p>नहीं, पर यदि है तो हमें बताएँ।</p>",
            ),
            faq_item(
                "क्या भारत से बाहर की टीम आवेदन कर सकती है?",
                "<p>कंपनी भारत में पंजीकृत होनी चाहिए।</p>",
            ),
        ],
        questions=hi_questions,
    )
    del hi_open

    closed_slug = "speech-cohort-2"
    closed_fields = {
        "title": "Cohort 2: Speech for low-resource languages",
        "theme": "Speech recognition and synthesis",
        "summary": (
            "Speech recognition and text-to-speech for languages with little "
            "recorded data."
        ),
        "image": demo_image("Cohort: speech"),
        "eligibility": "<ul><li>Registered in India.</li></ul>",
        "compute_gpu_hours": 3000,
        "mentoring": "Fortnightly mentoring by speech researchers.",
        "model_access": "Access to the partner lab's speech models.",
        "focus_languages": "Bhili, Gondi, Santali, Konkani",
        "places": 10,
        "questions": [en_q for en_q, _hi_q in OPEN_QUESTIONS[:2]],
    }
    if closed_slug not in existing:
        closed_fields.update(_dates(-120, -60))
    closed = upsert_page(index, CohortPage, closed_slug, **closed_fields)
    hi_closed_questions = [dict(hi_q) for _en_q, hi_q in OPEN_QUESTIONS[:2]]
    for block, hi_q in zip(closed.questions.raw_data, hi_closed_questions, strict=True):
        hi_q["id"] = block["id"]
    upsert_translation(
        closed,
        hi,
        title="समूह 2: कम संसाधन वाली भाषाओं के लिए वाक्",
        theme="वाक् पहचान और संश्लेषण",
        summary="कम रिकॉर्ड किए गए डेटा वाली भाषाओं के लिए वाक् पहचान और पाठ से वाक्।",
        eligibility="<ul><li>भारत में पंजीकृत।</li></ul>",
        mentoring="वाक् शोधकर्ताओं द्वारा पाक्षिक मेंटरिंग।",
        model_access="साझेदार प्रयोगशाला के वाक् मॉडलों तक पहुँच।",
        focus_languages="भीली, गोंडी, संथाली, कोंकणी",
        questions=hi_closed_questions,
    )
    from .seed_selection import seed_selection

    seed_selection([open_cohort, closed], closed, MODEL_IDS, stdout, options)
    stdout.write(f"cohorts ready: {index.url}")
