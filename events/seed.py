"""Demo content of events: an index, 14 events in English and Hindi, snippets.

Dates are relative to the day an event is first created and are never moved
afterwards, so a second run changes nothing (and upcoming events stay upcoming
for weeks). `--events N` adds N more upcoming events for benchmarks.
"""

import datetime as dt

from django.utils import timezone
from taggit.models import Tag

from home.demo import (
    demo_image,
    get_locale,
    record_translation,
    upsert_page,
    upsert_translation,
)
from home.models import HomePage

from . import seed_tamil
from .enums import EventFormat, EventStatus
from .models import (
    EventIndexPage,
    EventPage,
    EventSpeaker,
    EventType,
    Language,
    Speaker,
    Topic,
    Venue,
)

EVENT_TYPES = [
    ("workshop", "Workshop", "कार्यशाला"),
    ("seminar", "Seminar", "संगोष्ठी"),
    ("conference", "Conference", "सम्मेलन"),
    ("webinar", "Webinar", "वेबिनार"),
    ("hackathon", "Hackathon", "हैकथॉन"),
]

VENUES = {
    # key: (English fields, Hindi fields), city/state/map shared
    "bengaluru": (
        (
            "CoE Innovation Hub",
            "Innovation Centre, C V Raman Road",
            "Bengaluru",
            "Karnataka",
        ),
        ("CoE इनोवेशन हब", "इनोवेशन सेंटर, सी वी रमन रोड", "बेंगलुरु", "कर्नाटक"),
    ),
    "delhi": (
        (
            "Lodhi Road Convention Centre",
            "6 CGO Complex, Lodhi Road",
            "New Delhi",
            "Delhi",
        ),
        ("लोधी रोड सम्मेलन केंद्र", "6 सीजीओ कॉम्प्लेक्स, लोधी रोड", "नई दिल्ली", "दिल्ली"),
    ),
    "hyderabad": (
        (
            "HITEC City Tech Auditorium",
            "Cyber Towers, HITEC City",
            "Hyderabad",
            "Telangana",
        ),
        ("हाइटेक सिटी टेक सभागार", "साइबर टावर्स, हाइटेक सिटी", "हैदराबाद", "तेलंगाना"),
    ),
    "chennai": (
        ("Taramani Research Park", "Kanagam Road, Taramani", "Chennai", "Tamil Nadu"),
        ("तारामणि रिसर्च पार्क", "कनगम रोड, तारामणि", "चेन्नई", "तमिलनाडु"),
    ),
    "pune": (
        ("Pune Startup Hub", "Senapati Bapat Road", "Pune", "Maharashtra"),
        ("पुणे स्टार्टअप हब", "सेनापति बापट रोड", "पुणे", "महाराष्ट्र"),
    ),
    "kolkata": (
        ("Salt Lake Tech Centre", "Sector V, Salt Lake", "Kolkata", "West Bengal"),
        ("सॉल्ट लेक टेक सेंटर", "सेक्टर V, सॉल्ट लेक", "कोलकाता", "पश्चिम बंगाल"),
    ),
}
ACCESSIBILITY = (
    "Step-free entrance, lifts to every floor, accessible toilets; "
    "Indian Sign Language interpretation on request.",
    "बिना सीढ़ी का प्रवेश, हर मंज़िल तक लिफ़्ट, सुगम शौचालय; "
    "अनुरोध पर भारतीय सांकेतिक भाषा दुभाषिया।",
)

SPEAKERS = {
    "ananya": (
        "Dr. Ananya Rao",
        ("Principal Scientist", "Open Indic Models Lab"),
        ("प्रधान वैज्ञानिक", "ओपन इंडिक मॉडल्स लैब"),
        "डॉ. अनन्या राव",
    ),
    "vikram": (
        "Vikram Singh",
        ("Founder", "Bhasha Voice"),
        ("संस्थापक", "भाषा वॉइस"),
        "विक्रम सिंह",
    ),
    "fatima": (
        "Fatima Sheikh",
        ("Data Protection Counsel", "Digital India Unit"),
        ("डेटा संरक्षण परामर्शदाता", "डिजिटल इंडिया यूनिट"),
        "फ़ातिमा शेख",
    ),
    "arjun": (
        "Prof. Arjun Menon",
        ("Professor of Computational Linguistics", "IIT (example)"),
        ("कम्प्यूटेशनल भाषाविज्ञान के प्रोफ़ेसर", "आईआईटी (उदाहरण)"),
        "प्रो. अर्जुन मेनन",
    ),
    "lakshmi": (
        "Lakshmi Narayanan",
        ("Head of Compute Programmes", "National Compute Grid"),
        ("कंप्यूट कार्यक्रम प्रमुख", "राष्ट्रीय कंप्यूट ग्रिड"),
        "लक्ष्मी नारायणन",
    ),
    "sourav": (
        "Sourav Banerjee",
        ("ML Engineer", "Anuvaad Labs"),
        ("एमएल इंजीनियर", "अनुवाद लैब्स"),
        "सौरव बनर्जी",
    ),
}
BIO = (
    "Works on AI for Indian languages and mentors startups in the programme.",
    "भारतीय भाषाओं के लिए AI पर काम करते हैं और कार्यक्रम के स्टार्टअप को मार्गदर्शन देते हैं।",
)


def _event(slug, type_, format_, venue, day, hour, hours, price, capacity, **extra):
    return {
        "slug": slug,
        "type": type_,
        "format": format_,
        "venue": venue,
        "day": day,
        "hour": hour,
        "hours": hours,
        "price": price,
        "capacity": capacity,
        **extra,
    }


EVENTS = [
    _event(
        "fine-tuning-indic-llms",
        "workshop",
        EventFormat.IN_PERSON,
        "bengaluru",
        10,
        10,
        7,
        150000,
        40,
        speakers=["ananya", "sourav"],
        languages=["en"],
        topics=["LLMs", "fine-tuning"],
        en=(
            "Fine-tuning Indic language models",
            "A hands-on day adapting open models to Kannada, Tamil and Hindi with parameter-efficient fine-tuning.",
        ),
        hi=(
            "इंडिक भाषा मॉडल का फ़ाइन-ट्यूनिंग",
            "पैरामीटर-कुशल फ़ाइन-ट्यूनिंग से खुले मॉडलों को कन्नड़, तमिल और हिंदी के लिए ढालने का व्यावहारिक दिन।",
        ),
    ),
    _event(
        "speech-recognition-low-resource",
        "seminar",
        EventFormat.HYBRID,
        "hyderabad",
        18,
        14,
        3,
        0,
        120,
        speakers=["vikram"],
        languages=["en", "te"],
        topics=["speech"],
        en=(
            "Speech recognition for low-resource languages",
            "How startups collect, clean and model speech in languages with little data.",
        ),
        hi=(
            "कम संसाधन वाली भाषाओं के लिए वाक् पहचान",
            "स्टार्टअप कम डेटा वाली भाषाओं में वाक् डेटा कैसे एकत्र, साफ़ और मॉडल करते हैं।",
        ),
    ),
    _event(
        "responsible-ai-dpdp",
        "webinar",
        EventFormat.ONLINE,
        None,
        5,
        16,
        1,
        0,
        500,
        speakers=["fatima"],
        languages=["hi", "en"],
        topics=["responsible AI", "DPDP Act"],
        en=(
            "Responsible AI and the DPDP Act",
            "What the Digital Personal Data Protection Act 2023 asks of AI startups: consent, purpose, retention.",
        ),
        hi=(
            "ज़िम्मेदार AI और DPDP अधिनियम",
            "डिजिटल व्यक्तिगत डेटा संरक्षण अधिनियम 2023 AI स्टार्टअप से क्या अपेक्षा करता है: सहमति, उद्देश्य, प्रतिधारण।",
        ),
    ),
    _event(
        "india-language-ai-conference",
        "conference",
        EventFormat.IN_PERSON,
        "delhi",
        40,
        9,
        32,
        500000,
        800,
        speakers=["ananya", "arjun", "lakshmi", "fatima"],
        languages=["en", "hi"],
        topics=["LLMs", "datasets", "speech"],
        en=(
            "India Language AI Conference",
            "Two days of talks, demos and startup showcases on AI for India's 22 scheduled languages.",
        ),
        hi=(
            "भारतीय भाषा AI सम्मेलन",
            "भारत की 22 अनुसूचित भाषाओं के लिए AI पर वार्ताओं, प्रदर्शनों और स्टार्टअप प्रदर्शनी के दो दिन।",
        ),
    ),
    _event(
        "gpu-compute-clinic",
        "workshop",
        EventFormat.IN_PERSON,
        "pune",
        25,
        11,
        4,
        0,
        12,
        waitlist=True,
        speakers=["lakshmi"],
        languages=["en", "mr"],
        topics=["compute"],
        en=(
            "GPU compute clinic for startups",
            "Bring your training plan: we size GPU-hours with you and explain how to apply for compute credits.",
        ),
        hi=(
            "स्टार्टअप के लिए GPU कंप्यूट क्लिनिक",
            "अपनी प्रशिक्षण योजना लाएँ: हम आपके साथ GPU-घंटों का आकलन करेंगे और कंप्यूट क्रेडिट के आवेदन का तरीका बताएँगे।",
        ),
    ),
    _event(
        "bhasha-datasets-hackathon",
        "hackathon",
        EventFormat.HYBRID,
        "chennai",
        55,
        9,
        33,
        0,
        150,
        approval=True,
        speakers=["sourav", "arjun"],
        languages=["en", "ta"],
        topics=["datasets"],
        en=(
            "Bhasha datasets hackathon",
            "Build open datasets for low-resource languages in 33 hours. Teams are selected from the registrations.",
        ),
        hi=(
            "भाषा डेटासेट हैकथॉन",
            "33 घंटों में कम संसाधन वाली भाषाओं के लिए खुले डेटासेट बनाएँ। पंजीकरणों में से टीमें चुनी जाती हैं।",
        ),
    ),
    _event(
        "evaluating-translation-models",
        "seminar",
        EventFormat.IN_PERSON,
        "kolkata",
        32,
        15,
        3,
        50000,
        80,
        speakers=["arjun"],
        languages=["en", "bn"],
        topics=["translation", "evaluation"],
        en=(
            "Evaluating translation models",
            "Beyond BLEU: human and automatic evaluation of machine translation between Indian languages.",
        ),
        hi=(
            "अनुवाद मॉडलों का मूल्यांकन",
            "BLEU से आगे: भारतीय भाषाओं के बीच मशीनी अनुवाद का मानवीय और स्वचालित मूल्यांकन।",
        ),
    ),
    _event(
        "coe-open-house",
        "seminar",
        EventFormat.IN_PERSON,
        "delhi",
        12,
        15,
        2,
        0,
        None,
        registration=False,
        speakers=["lakshmi"],
        languages=["hi", "en"],
        topics=["startup programme"],
        en=(
            "Open house at the Centre",
            "Meet the team, see startup demos and ask about the programme. No registration needed.",
        ),
        hi=(
            "केंद्र में खुला दिवस",
            "टीम से मिलें, स्टार्टअप डेमो देखें और कार्यक्रम के बारे में पूछें। पंजीकरण आवश्यक नहीं।",
        ),
    ),
    _event(
        "ocr-for-indic-scripts",
        "workshop",
        EventFormat.ONLINE,
        None,
        70,
        10,
        3,
        0,
        300,
        opens_in=30,
        speakers=["sourav"],
        languages=["en"],
        topics=["OCR"],
        en=(
            "Building OCR for Indic scripts",
            "Recognising Devanagari, Bengali and Tamil text in scanned documents with open models.",
        ),
        hi=(
            "इंडिक लिपियों के लिए OCR बनाना",
            "खुले मॉडलों से स्कैन किए गए दस्तावेज़ों में देवनागरी, बांग्ला और तमिल पाठ पहचानना।",
        ),
    ),
    _event(
        "ai-agriculture-advisories",
        "seminar",
        EventFormat.IN_PERSON,
        "bengaluru",
        60,
        10,
        3,
        0,
        100,
        status=EventStatus.POSTPONED,
        speakers=["vikram"],
        languages=["kn", "en"],
        topics=["agriculture"],
        en=(
            "AI for agriculture advisories",
            "Voice advisories for farmers in their own language: lessons from field pilots.",
        ),
        hi=(
            "कृषि परामर्श के लिए AI",
            "किसानों की अपनी भाषा में वॉइस परामर्श: क्षेत्रीय प्रयोगों से सीख।",
        ),
    ),
    _event(
        "speech-data-field-collection",
        "workshop",
        EventFormat.IN_PERSON,
        "hyderabad",
        15,
        10,
        6,
        100000,
        30,
        status=EventStatus.CANCELLED,
        speakers=["vikram"],
        languages=["te", "en"],
        topics=["speech", "datasets"],
        en=(
            "Collecting speech data in the field",
            "Consent, recording kits and quality checks for village-level speech collection.",
        ),
        hi=(
            "क्षेत्र में वाक् डेटा संग्रह",
            "गाँव स्तर पर वाक् संग्रह के लिए सहमति, रिकॉर्डिंग किट और गुणवत्ता जाँच।",
        ),
    ),
    _event(
        "open-models-summit",
        "conference",
        EventFormat.IN_PERSON,
        "bengaluru",
        -45,
        9,
        9,
        250000,
        600,
        speakers=["ananya", "lakshmi"],
        languages=["en"],
        topics=["LLMs"],
        en=(
            "Open Models Summit",
            "The yearly meeting of open-model builders, researchers and startups.",
        ),
        hi=(
            "ओपन मॉडल्स शिखर सम्मेलन",
            "खुले मॉडल निर्माताओं, शोधकर्ताओं और स्टार्टअप की वार्षिक बैठक।",
        ),
    ),
    _event(
        "tokenisers-indian-languages",
        "workshop",
        EventFormat.ONLINE,
        None,
        -20,
        14,
        3,
        0,
        200,
        speakers=["arjun"],
        languages=["en", "hi"],
        topics=["LLMs", "tokenisers"],
        en=(
            "Tokenisers for Indian languages",
            "Why tokenisers waste tokens on Indic scripts and how to train better ones.",
        ),
        hi=(
            "भारतीय भाषाओं के लिए टोकनाइज़र",
            "टोकनाइज़र इंडिक लिपियों पर टोकन क्यों बर्बाद करते हैं और बेहतर टोकनाइज़र कैसे बनाएँ।",
        ),
    ),
    _event(
        "data-consent-webinar",
        "webinar",
        EventFormat.ONLINE,
        None,
        -10,
        17,
        1,
        0,
        1000,
        speakers=["fatima"],
        languages=["hi"],
        topics=["DPDP Act"],
        en=(
            "Data consent in practice",
            "Designing consent notices in Indian languages that people understand.",
        ),
        hi=("व्यवहार में डेटा सहमति", "भारतीय भाषाओं में ऐसी सहमति सूचनाएँ बनाना जिन्हें लोग समझें।"),
    ),
]


def _set_fields(obj, **fields) -> bool:
    changed = False
    for key, value in fields.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _translatable(model, en, hi, lookup: dict, en_fields: dict, hi_fields: dict):
    """Create or update a snippet in English and its Hindi translation."""
    obj = model.objects.filter(locale=en, **lookup).first()
    if obj is None:
        obj = model(locale=en, **lookup, **en_fields)
        obj.save()
    elif _set_fields(obj, **en_fields):
        obj.save()
    translated = model.objects.filter(
        locale=hi, translation_key=obj.translation_key
    ).first()
    if translated is None:
        translated = obj.copy_for_translation(hi)
        _set_fields(translated, **hi_fields)
        translated.save()
    elif _set_fields(translated, **hi_fields):
        translated.save()
    record_translation(obj, translated)
    return obj, translated


def seed_snippets(en, hi):
    types = {}
    for order, (slug, name, hi_name) in enumerate(EVENT_TYPES):
        types[slug] = _translatable(
            EventType,
            en,
            hi,
            {"slug": slug},
            {"name": name, "sort_order": order},
            {"name": hi_name, "sort_order": order},
        )
    venues = {}
    for key, (english, hindi) in VENUES.items():
        map_url = (
            f"https://www.openstreetmap.org/search?query={english[2].replace(' ', '+')}"
        )
        venues[key] = _translatable(
            Venue,
            en,
            hi,
            {"name": english[0]},
            {
                "address": english[1],
                "city": english[2],
                "state": english[3],
                "map_url": map_url,
                "accessibility_notes": ACCESSIBILITY[0],
            },
            {
                "name": hindi[0],
                "address": hindi[1],
                "city": hindi[2],
                "state": hindi[3],
                "map_url": map_url,
                "accessibility_notes": ACCESSIBILITY[1],
            },
        )
    speakers = {}
    for key, (name, (role, org), (hi_role, hi_org), hi_name) in SPEAKERS.items():
        photo = demo_image(f"Speaker: {name}", 400, 400)
        speakers[key] = _translatable(
            Speaker,
            en,
            hi,
            {"name": name},
            {"role": role, "organisation": org, "bio": BIO[0], "photo": photo},
            {
                "name": hi_name,
                "role": hi_role,
                "organisation": hi_org,
                "bio": BIO[1],
                "photo": photo,
            },
        )
    return types, venues, speakers


def _agenda(spec, speakers):
    """Three sessions that share the event's first hours (at most six), so every
    session lies inside the event's own times (EventPage.clean checks it)."""
    titles = [
        ("Welcome and introductions", "स्वागत और परिचय"),
        ("Main session", "मुख्य सत्र"),
        ("Questions and discussion", "प्रश्न और चर्चा"),
    ]
    step = min(spec["hours"], 6) * 60 // len(titles)
    start = dt.datetime(2000, 1, 1, spec["hour"], tzinfo=dt.UTC)

    def at(minutes):
        moment = start + dt.timedelta(minutes=minutes)
        return moment.day, moment.strftime("%H:%M:00")

    sessions = []
    for i, (title, _hi) in enumerate(titles):
        speaker = speakers[i % len(speakers)] if speakers else None
        day, begins = at(i * step)
        _day, ends = at((i + 1) * step)
        sessions.append(
            {
                "type": "session",
                "value": {
                    "start": begins,
                    "end": ends,
                    "day": day,
                    "title": title,
                    "speaker": speaker.pk if speaker else None,
                    "description": "",
                },
            }
        )
    return sessions


def _hindi_agenda(agenda, hi_speakers_by_en):
    titles = {
        "Welcome and introductions": "स्वागत और परिचय",
        "Main session": "मुख्य सत्र",
        "Questions and discussion": "प्रश्न और चर्चा",
    }
    result = []
    for block in agenda:
        value = dict(block["value"])
        value["title"] = titles.get(value["title"], value["title"])
        if value["speaker"]:
            value["speaker"] = hi_speakers_by_en[value["speaker"]]
        result.append({"type": "session", "value": value})
    return result


def _schedule(spec, today: dt.datetime) -> dict:
    start = today + dt.timedelta(days=spec["day"], hours=spec["hour"])
    end = start + dt.timedelta(hours=spec["hours"])
    fields = {"start": start, "end": end}
    if spec.get("registration", True):
        opens = start - dt.timedelta(days=60)
        if spec.get("opens_in"):
            opens = today + dt.timedelta(days=spec["opens_in"])
        fields["registration_opens"] = opens
        fields["registration_closes"] = start - dt.timedelta(hours=12)
        fields["cancellation_deadline"] = start - dt.timedelta(days=2)
    return fields


def _sync_clusters(page, *, speakers, languages, topics) -> bool:
    changed = False
    current = [item.speaker_id for item in page.event_speakers.all()]
    if current != [s.pk for s in speakers]:
        page.event_speakers = [EventSpeaker(speaker=s) for s in speakers]
        changed = True
    if sorted(lang.pk for lang in page.languages.all()) != sorted(
        lang.pk for lang in languages
    ):
        page.languages = languages
        changed = True
    if sorted(tag.name for tag in page.tags.all()) != sorted(topics):
        page.tags.set(topics, clear=True)
        changed = True
    return changed


def _publish_if(page, changed: bool):
    if changed or page.has_unpublished_changes or not page.live:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def seed_index(stdout):
    en, hi = get_locale("en"), get_locale("hi")
    home = HomePage.objects.get(locale=en)
    index = upsert_page(
        home,
        EventIndexPage,
        "events",
        title="Events",
        intro=(
            "Workshops, seminars, conferences, webinars and hackathons on AI for "
            "Indian languages, across India and online."
        ),
        show_in_menus=True,
        seo_title="Events: workshops, seminars and conferences",
        search_description=(
            "Upcoming AI workshops, seminars, conferences and webinars of the "
            "AI Centre of Excellence, in person and online."
        ),
    )
    hi_index = upsert_translation(
        index,
        hi,
        title="आयोजन",
        intro=(
            "भारतीय भाषाओं के लिए AI पर कार्यशालाएँ, संगोष्ठियाँ, सम्मेलन, वेबिनार और "
            "हैकथॉन, पूरे भारत में और ऑनलाइन।"
        ),
        seo_title="आयोजन: कार्यशालाएँ, संगोष्ठियाँ और सम्मेलन",
        search_description=(
            "AI उत्कृष्टता केंद्र की आगामी AI कार्यशालाएँ, संगोष्ठियाँ, सम्मेलन और "
            "वेबिनार, व्यक्तिगत रूप से और ऑनलाइन।"
        ),
    )
    return index, hi_index


def _today():
    now = timezone.localtime()
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


LANGUAGES = [
    ("en", "English", "English"),
    ("hi", "Hindi", "हिन्दी"),
    ("bn", "Bengali", "বাংলা"),
    ("ta", "Tamil", "தமிழ்"),
    ("te", "Telugu", "తెలుగు"),
    ("mr", "Marathi", "मराठी"),
    ("kn", "Kannada", "ಕನ್ನಡ"),
]


def ensure_languages() -> dict:
    """The languages the demo uses (a migration adds them too; a flushed test
    database may have lost them)."""
    for order, (code, name, native) in enumerate(LANGUAGES):
        Language.objects.get_or_create(
            code=code,
            defaults={"name": name, "native_name": native, "sort_order": order},
        )
    return {lang.code: lang for lang in Language.objects.all()}


def seed_events(index, hi, types, venues, speakers):
    today = _today()
    languages = ensure_languages()
    hi_speaker_ids = {en.pk: hi_s.pk for en, hi_s in speakers.values()}
    for spec in EVENTS:
        title, summary = spec["en"]
        hi_title, hi_summary = spec["hi"]
        event_type, hi_type = types[spec["type"]]
        venue, hi_venue = venues[spec["venue"]] if spec["venue"] else (None, None)
        en_speakers = [speakers[key][0] for key in spec["speakers"]]
        hi_speakers = [speakers[key][1] for key in spec["speakers"]]
        agenda = _agenda(spec, en_speakers)
        registration = spec.get("registration", True)
        fields = {
            "title": title,
            "summary": summary,
            "hero_image": demo_image(f"Event: {title}"),
            "event_type": event_type,
            "format": spec["format"],
            "status": spec.get("status", EventStatus.SCHEDULED),
            "venue": venue,
            "agenda": agenda,
            "body": [
                {
                    "type": "paragraph",
                    "value": f"<p>{summary} Bring a laptop if you wish to follow along.</p>",
                }
            ],
            "registration_required": registration,
            "capacity": spec["capacity"],
            "price_paise": spec["price"],
            "needs_approval": spec.get("approval", False),
            "waitlist_enabled": spec.get("waitlist", False),
        }
        existing = EventPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if existing is None:
            fields.update(_schedule(spec, today))
        page = upsert_page(index, EventPage, spec["slug"], **fields)
        changed = _sync_clusters(
            page,
            speakers=en_speakers,
            languages=[languages[code] for code in spec["languages"]],
            topics=spec["topics"],
        )
        page = _publish_if(page, changed)
        hi_page = upsert_translation(
            page,
            hi,
            title=hi_title,
            summary=hi_summary,
            event_type=hi_type,
            venue=hi_venue,
            agenda=_hindi_agenda(agenda, hi_speaker_ids),
            body=[
                {
                    "type": "paragraph",
                    "value": f"<p>{hi_summary} साथ में अभ्यास करना चाहें तो लैपटॉप लाएँ।</p>",
                }
            ],
        )
        changed = _sync_clusters(
            hi_page,
            speakers=hi_speakers,
            languages=[languages[code] for code in spec["languages"]],
            topics=spec["topics"],
        )
        _publish_if(hi_page, changed)


# The demo's topic tags in Hindi; English shows the tags as typed.
TOPICS_HI = {
    "LLMs": "बड़े भाषा मॉडल (LLM)",
    "fine-tuning": "फ़ाइन-ट्यूनिंग",
    "speech": "वाक् तकनीक",
    "responsible AI": "ज़िम्मेदार एआई",
    "DPDP Act": "डीपीडीपी अधिनियम",
    "datasets": "डेटासेट",
    "compute": "कंप्यूटिंग संसाधन",
    "translation": "अनुवाद",
    "evaluation": "मूल्यांकन",
    "startup programme": "स्टार्टअप कार्यक्रम",
    "OCR": "ओसीआर (पाठ पहचान)",
    "agriculture": "कृषि",
    "tokenisers": "टोकनाइज़र",
}


def seed_topics(en, hi) -> None:
    for tag in Tag.objects.filter(name__in=TOPICS_HI):
        _translatable(
            Topic,
            en,
            hi,
            {"tag": tag},
            {"name": tag.name},
            {"name": TOPICS_HI[tag.name]},
        )


def _translation(obj, locale, **fields):
    """Create or update the translation of snippet `obj` in `locale`."""
    translated = (
        type(obj)
        .objects.filter(locale=locale, translation_key=obj.translation_key)
        .first()
    )
    if translated is None:
        translated = obj.copy_for_translation(locale)
        _set_fields(translated, **fields)
        translated.save()
    elif _set_fields(translated, **fields):
        translated.save()
    return translated


def seed_translation(content, index, types, venues, speakers, stdout) -> None:
    """The events index, its snippets, topics and some events in the language of
    `content` (a module like events.seed_tamil: text only, the facts stay)."""
    locale = get_locale(content.LANGUAGE)
    translated_index = upsert_translation(index, locale, **content.INDEX)
    translated_types = {
        slug: _translation(types[slug][0], locale, name=name)
        for slug, name in content.EVENT_TYPES.items()
    }
    translated_venues = {
        key: _translation(
            venues[key][0],
            locale,
            name=name,
            address=address,
            city=city,
            state=state,
            accessibility_notes=content.ACCESSIBILITY,
        )
        for key, (name, address, city, state) in content.VENUES.items()
    }
    in_language = {
        key: _translation(
            speakers[key][0],
            locale,
            name=name,
            role=role,
            organisation=organisation,
            bio=content.BIO,
        )
        for key, (name, role, organisation) in content.SPEAKERS.items()
    }
    for tag in Tag.objects.filter(name__in=content.TOPICS):
        english = Topic.objects.filter(locale__language_code="en", tag=tag).first()
        if english is not None:
            _translation(english, locale, name=content.TOPICS[tag.name])
    by_english = {speakers[key][0].pk: obj for key, obj in in_language.items()}
    specs = {spec["slug"]: spec for spec in EVENTS}
    for slug, (title, summary, body) in content.EVENTS.items():
        page = EventPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            continue
        spec = specs[slug]
        agenda = []
        for block in page.agenda.raw_data:
            value = dict(block["value"])
            value["title"] = content.AGENDA_TITLES.get(value["title"], value["title"])
            if value.get("speaker"):
                speaker = by_english.get(value["speaker"])
                value["speaker"] = speaker.pk if speaker else value["speaker"]
            agenda.append({"type": "session", "value": value})
        translated = upsert_translation(
            page,
            locale,
            title=title,
            summary=summary,
            event_type=translated_types[spec["type"]],
            venue=translated_venues[spec["venue"]] if spec["venue"] else None,
            agenda=agenda,
            body=[{"type": "paragraph", "value": f"<p>{summary} {body}</p>"}],
        )
        changed = _sync_clusters(
            translated,
            speakers=[in_language[key] for key in spec["speakers"]],
            languages=list(page.languages.all()),
            topics=spec["topics"],
        )
        _publish_if(translated, changed)
    stdout.write(f"events in {content.LANGUAGE} ready: {translated_index.url}")


def seed_bench_events(index, types, venues, count: int, stdout):
    """`count` extra upcoming English events, created once each."""
    today = _today()
    existing = set(
        EventPage.objects.child_of(index)
        .filter(slug__startswith="bench-event-")
        .values_list("slug", flat=True)
    )
    images = [demo_image(f"Benchmark event image {i}") for i in range(6)]
    type_list = [pair[0] for pair in types.values()]
    venue_list = [pair[0] for pair in venues.values()]
    formats = list(EventFormat.values)
    created = 0
    for i in range(count):
        slug = f"bench-event-{i + 1:04d}"
        if slug in existing:
            continue
        start = today + dt.timedelta(days=1 + i % 180, hours=9 + i % 8)
        page = EventPage(
            slug=slug,
            title=f"Benchmark event {i + 1}",
            summary="An extra upcoming event for benchmarks.",
            hero_image=images[i % len(images)],
            event_type=type_list[i % len(type_list)],
            format=formats[i % len(formats)],
            venue=venue_list[i % len(venue_list)],
            start=start,
            end=start + dt.timedelta(hours=3),
            capacity=50 + i % 200,
            price_paise=(i % 4) * 25000,
            registration_opens=start - dt.timedelta(days=60),
            registration_closes=start - dt.timedelta(hours=12),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    if created:
        stdout.write(f"created {created} benchmark events")


def add_arguments(parser):
    parser.add_argument(
        "--events",
        type=int,
        default=0,
        metavar="N",
        help="Also add N more upcoming events (for benchmarks).",
    )


def seed(stdout, options) -> None:
    en, hi = get_locale("en"), get_locale("hi")
    if not HomePage.objects.filter(locale=en).exists():
        stdout.write("no home page: skipping events")
        return
    types, venues, speakers = seed_snippets(en, hi)
    index, hi_index = seed_index(stdout)
    seed_events(index, hi, types, venues, speakers)
    seed_topics(en, hi)
    seed_translation(seed_tamil, index, types, venues, speakers, stdout)
    extra = options.get("events") or 0
    if extra:
        seed_bench_events(index, types, venues, extra, stdout)
    seed_registrations(index, stdout)
    count = EventPage.objects.child_of(index).count()
    stdout.write(f"events ready: {count} at {index.url} and {hi_index.url}")


DEMO_ATTENDEES = 14


def seed_registrations(index, stdout) -> None:
    """Demo registrations: the GPU compute clinic full with two on its waitlist,
    three awaiting approval at the hackathon, five at the speech seminar.

    Demo attendees are registered as staff register people without an account
    (no user, an address at the reserved .invalid domain: no email goes out),
    so seeding creates no accounts. The demo user, once created with
    --demo-users, registers for the speech seminar too. Idempotent.
    """
    from django.contrib.auth import get_user_model

    from .models import Registration
    from .registration import RegistrationError, register_attendee

    events = {e.slug: e for e in EventPage.objects.child_of(index).live()}
    plan = [
        ("gpu-compute-clinic", DEMO_ATTENDEES),
        ("bhasha-datasets-hackathon", 3),
        ("speech-recognition-low-resource", 5),
    ]
    made = 0
    for slug, count in plan:
        event = events.get(slug)
        if event is None:
            continue
        for i in range(1, count + 1):
            email = f"attendee{i}.{slug}@example.invalid"
            if Registration.objects.filter(event=event, email=email).exists():
                continue
            try:
                register_attendee(
                    event,
                    user=None,
                    details={"name": f"Demo attendee {i}", "email": email},
                    language="en",
                )
                made += 1
            except RegistrationError:
                break  # closed, or full without a waitlist
    demo_user = get_user_model().objects.filter(email="user@coe.example.in").first()
    seminar = events.get("speech-recognition-low-resource")
    if demo_user is not None and seminar is not None:
        try:
            register_attendee(
                seminar,
                user=demo_user,
                details={"name": demo_user.get_full_name(), "email": demo_user.email},
                language="en",
            )
            made += 1
        except RegistrationError:
            pass  # already registered
    stdout.write(f"demo registrations added: {made}")
