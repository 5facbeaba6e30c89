"""Demo content of the home app: home, about and policy pages, settings.

The resources library at /resources/ is the resources app's (resources.seed)."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, Page, Site

from . import seed_policies, seed_tamil
from .demo import demo_image, get_locale, upsert_page, upsert_translation
from .links import site_address
from .models import HomePage, Partner, SiteSettings, StandardPage


def rt(html):
    return {"type": "paragraph", "value": html}


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def blocks(html):
    """Rich text with <h2> headings as heading and paragraph blocks."""
    import re

    result = []
    for part in re.split(r"(<h2>.*?</h2>)", html.strip()):
        part = part.strip()
        if part.startswith("<h2>"):
            result.append(heading(part[4:-5]))
        elif part:
            result.append(rt(" ".join(part.split())))
    return result


def faq(title, items):
    return {
        "type": "faq",
        "value": {
            "title": title,
            "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in items],
        },
    }


STANDARD_PAGES = [
    # slug, in menu, English (title, intro, body), Hindi (title, intro, body)
    (
        "about",
        True,
        (
            "About the Centre",
            "A national Centre of Excellence for artificial intelligence that helps "
            "Indian startups build models, datasets and products for India's languages.",
            [
                heading("What we do"),
                rt(
                    "<p>We run a cohort-based startup programme with mentoring, GPU "
                    "compute credits and access to open Indian-language models. We also "
                    "hold workshops, seminars and conferences across the country.</p>"
                ),
                heading("Our priorities"),
                rt(
                    "<ul><li>Datasets, translation and large language models for "
                    "low-resource Indian languages</li><li>Affordable AI compute for "
                    "startups and researchers</li><li>Skills through workshops and "
                    "conferences</li><li>Responsible AI</li></ul>"
                ),
                {
                    "type": "quote",
                    "value": {
                        "text": "AI that speaks every Indian language is AI for every Indian.",
                        "attribution": "Programme charter",
                    },
                },
                faq(
                    "Frequently asked questions",
                    [
                        (
                            "Who can apply to the programme?",
                            "Startups incorporated in India that build AI products, "
                            "especially for Indian languages.",
                        ),
                        (
                            "Does it cost anything?",
                            "No. The programme is free; selected startups receive "
                            "compute credits and mentoring.",
                        ),
                    ],
                ),
            ],
        ),
        (
            "केंद्र के बारे में",
            "कृत्रिम बुद्धिमत्ता का एक राष्ट्रीय उत्कृष्टता केंद्र, जो भारतीय स्टार्टअप को "
            "भारत की भाषाओं के लिए मॉडल, डेटासेट और उत्पाद बनाने में मदद करता है।",
            [
                heading("हम क्या करते हैं"),
                rt(
                    "<p>हम मेंटरिंग, GPU कंप्यूट क्रेडिट और खुले भारतीय-भाषा मॉडलों तक "
                    "पहुँच के साथ समूह-आधारित स्टार्टअप कार्यक्रम चलाते हैं। हम देश भर में "
                    "कार्यशालाएँ, संगोष्ठियाँ और सम्मेलन भी आयोजित करते हैं।</p>"
                ),
                heading("हमारी प्राथमिकताएँ"),
                rt(
                    "<ul><li>कम संसाधन वाली भारतीय भाषाओं के लिए डेटासेट, अनुवाद और "
                    "बड़े भाषा मॉडल</li><li>स्टार्टअप और शोधकर्ताओं के लिए सस्ता AI कंप्यूट"
                    "</li><li>कार्यशालाओं और सम्मेलनों से कौशल</li><li>ज़िम्मेदार AI</li></ul>"
                ),
                {
                    "type": "quote",
                    "value": {
                        "text": "जो AI हर भारतीय भाषा बोले, वही हर भारतीय का AI है।",
                        "attribution": "कार्यक्रम का घोषणा-पत्र",
                    },
                },
                faq(
                    "अक्सर पूछे जाने वाले प्रश्न",
                    [
                        (
                            "कार्यक्रम में कौन आवेदन कर सकता है?",
                            "भारत में निगमित वे स्टार्टअप जो AI उत्पाद बनाते हैं, "
                            "विशेषकर भारतीय भाषाओं के लिए।",
                        ),
                        (
                            "क्या इसका कोई शुल्क है?",
                            "नहीं। कार्यक्रम निःशुल्क है; चुने गए स्टार्टअप को कंप्यूट "
                            "क्रेडिट और मेंटरिंग मिलती है।",
                        ),
                    ],
                ),
            ],
        ),
    ),
]

POLICY_PAGES = [
    (
        "privacy",
        "privacy_page",
        (
            "Privacy policy",
            "How we collect, use and protect your personal data under the "
            "Digital Personal Data Protection Act, 2023: what we collect, why, for how long, "
            "your rights, and how to reach the grievance officer.",
        ),
        (
            "गोपनीयता नीति",
            "डिजिटल व्यक्तिगत डेटा संरक्षण अधिनियम, 2023 के अंतर्गत हम आपका "
            "व्यक्तिगत डेटा कैसे एकत्र, उपयोग और सुरक्षित करते हैं: क्या, क्यों, कितने समय तक, "
            "आपके अधिकार, और शिकायत अधिकारी से कैसे संपर्क करें।",
        ),
    ),
    (
        "terms",
        "terms_page",
        (
            "Terms of use",
            "The terms on which this website and its services are offered.",
        ),
        ("उपयोग की शर्तें", "वे शर्तें जिन पर यह वेबसाइट और इसकी सेवाएँ दी जाती हैं।"),
    ),
    (
        "refunds",
        "refund_page",
        (
            "Refund and cancellation policy",
            "When you can cancel a registration, how paid seats are refunded and "
            "how long refunds take.",
        ),
        (
            "धनवापसी और रद्दीकरण नीति",
            "आप पंजीकरण कब रद्द कर सकते हैं, भुगतान वाली सीटों की धनवापसी कैसे होती है "
            "और उसमें कितना समय लगता है।",
        ),
    ),
    (
        "accessibility",
        "accessibility_page",
        (
            "Accessibility statement",
            "This website aims to meet WCAG 2.1 level AA and the "
            "Guidelines for Indian Government Websites (GIGW 3.0). Tell us about any barrier.",
        ),
        (
            "सुगम्यता कथन",
            "यह वेबसाइट WCAG 2.1 स्तर AA और भारत सरकार की वेबसाइटों के "
            "दिशानिर्देशों (GIGW 3.0) का पालन करने का प्रयास करती है। कोई बाधा हो तो हमें बताएँ।",
        ),
    ),
    (
        "hyperlinking-policy",
        "hyperlinking_page",
        (
            "Hyperlinking policy",
            "You may link to this website without asking; we link to "
            "other sites for your convenience and are not responsible for their content.",
        ),
        (
            "हाइपरलिंक नीति",
            "आप बिना अनुमति लिए इस वेबसाइट से लिंक कर सकते हैं; हम आपकी "
            "सुविधा के लिए अन्य साइटों से लिंक करते हैं और उनकी सामग्री के लिए उत्तरदायी नहीं हैं।",
        ),
    ),
    (
        "copyright-policy",
        "copyright_page",
        (
            "Copyright policy",
            "Material on this website may be reproduced free of charge "
            "with acknowledgement, unless stated otherwise.",
        ),
        (
            "कॉपीराइट नीति",
            "इस वेबसाइट की सामग्री स्वीकृति के साथ निःशुल्क पुनः प्रस्तुत की "
            "जा सकती है, जब तक अन्यथा न कहा गया हो।",
        ),
    ),
]

PARTNERS = [
    ("Open Indic Models Lab", "https://example.org/indic-lab"),
    ("Digital India Unit", "https://example.gov.in"),
    ("National Compute Grid", "https://example.org/compute"),
]


def ensure_tree_roots(locale=None) -> Page:
    """The page tree's and the collection tree's roots, which migrations create.

    A database emptied by a flush (transactional tests do that) lacks them.
    """
    locale = locale or get_locale("en")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                locale=locale,
                content_type=ContentType.objects.get_for_model(Page),
            )
        )
    return root


def ensure_home(stdout) -> tuple[HomePage, HomePage]:
    en, hi = get_locale("en"), get_locale("hi")
    root = ensure_tree_roots(en)
    home = HomePage.objects.filter(locale=en).first()
    if home is None:
        # Wagtail's migrations leave a "Welcome" page where our home page goes.
        for welcome in root.get_children().filter(slug="home"):
            if type(welcome.specific) is Page and not welcome.get_children().exists():
                welcome.delete()
    site = Site.objects.filter(is_default_site=True).first()
    hero_image = demo_image("Home hero: Indian languages and AI")
    en_fields = {
        "title": "Home",
        "hero_title": "Building AI for every Indian language",
        "hero_text": (
            "The AI Centre of Excellence supports startups and researchers with "
            "compute, mentoring, open models and events across India."
        ),
        "hero_image": hero_image,
        "hero_cta_label": "Learn about the programme",
        "intro": (
            "<p>Apply to a cohort of our startup programme, join a workshop or "
            "conference, or use our open resources.</p>"
        ),
        "seo_title": "AI Centre of Excellence: startup programme and events",
        "search_description": (
            "National AI Centre of Excellence: a startup programme, workshops, seminars "
            "and conferences on AI for Indian languages."
        ),
    }
    if home is None:
        home = HomePage(slug="home", **en_fields)
        root.add_child(instance=home)
        home.save_revision().publish()
        stdout.write("created the home page")
    else:
        home = upsert_page(root, HomePage, home.slug, **en_fields)
    # The site's public address (SITE_URL) when configured.
    address = site_address()
    hostname, port = address or ("localhost", 80)
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="AI CoE",
        )
    elif site.root_page_id != home.pk or (
        address and (site.hostname, site.port) != address
    ):
        site.root_page = home
        if address:
            site.hostname, site.port = address
        site.save()
    hi_home = upsert_translation(
        home,
        hi,
        title="मुखपृष्ठ",
        hero_title="हर भारतीय भाषा के लिए AI का निर्माण",
        hero_text=(
            "AI उत्कृष्टता केंद्र पूरे भारत में कंप्यूट, मेंटरिंग, खुले मॉडल और "
            "कार्यक्रमों के साथ स्टार्टअप और शोधकर्ताओं की सहायता करता है।"
        ),
        hero_cta_label="कार्यक्रम के बारे में जानें",
        intro=(
            "<p>हमारे स्टार्टअप कार्यक्रम के किसी समूह में आवेदन करें, किसी कार्यशाला "
            "या सम्मेलन में भाग लें, या हमारे खुले संसाधनों का उपयोग करें।</p>"
        ),
        seo_title="AI उत्कृष्टता केंद्र: स्टार्टअप कार्यक्रम और आयोजन",
        search_description=(
            "राष्ट्रीय AI उत्कृष्टता केंद्र: भारतीय भाषाओं के लिए AI पर स्टार्टअप "
            "कार्यक्रम, कार्यशालाएँ, संगोष्ठियाँ और सम्मेलन।"
        ),
    )
    return home, hi_home


def seed(stdout, options) -> None:
    hi = get_locale("hi")
    home, hi_home = ensure_home(stdout)
    pages = {}
    for slug, in_menu, (title, intro, body), (
        hi_title,
        hi_intro,
        hi_body,
    ) in STANDARD_PAGES:
        page = upsert_page(
            home,
            StandardPage,
            slug,
            title=title,
            intro=intro,
            body=body,
            show_in_menus=in_menu,
        )
        upsert_translation(page, hi, title=hi_title, intro=hi_intro, body=hi_body)
        pages[slug] = page
    about = pages["about"]
    if home.hero_cta_page_id != about.pk:
        home.hero_cta_page = about
        home.save_revision().publish()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for slug, attr, (title, intro), (hi_title, hi_intro) in POLICY_PAGES:
        en_body, hi_body = seed_policies.BODIES.get(
            slug, (f"<p>{intro}</p>", f"<p>{hi_intro}</p>")
        )
        page = upsert_page(
            home, StandardPage, slug, title=title, intro=intro, body=blocks(en_body)
        )
        upsert_translation(
            page, hi, title=hi_title, intro=hi_intro, body=blocks(hi_body)
        )
        if attr:
            setattr(settings, attr, page)
    settings.organisation_name = "AI Centre of Excellence"
    settings.organisation_name_hi = "AI उत्कृष्टता केंद्र"
    settings.address = (
        "Electronics Niketan, 6 CGO Complex\nLodhi Road, New Delhi 110003"
    )
    settings.email = "contact@coe.example.in"
    settings.phone = "+91 11 2430 1234"
    settings.grievance_officer_name = "Dr. Meera Iyer"
    settings.grievance_officer_designation = "Grievance Officer"
    settings.grievance_officer_email = "grievance@coe.example.in"
    settings.grievance_officer_phone = "+91 11 2430 1299"
    settings.linkedin_url = "https://www.linkedin.com/company/example-ai-coe"
    settings.x_url = "https://x.com/example_ai_coe"
    settings.save()
    for order, (name, url) in enumerate(PARTNERS):
        Partner.objects.update_or_create(
            name=name,
            locale=home.locale,
            defaults={"url": url, "sort_order": order},
        )
    stdout.write(f"home pages ready: {home.url} and {hi_home.url}")
    seed_tamil.seed(home, stdout)


def create_demo_users(stdout) -> None:
    from allauth.account.models import EmailAddress

    user_model = get_user_model()
    accounts = [
        ("staff@coe.example.in", "demo-staff-pass", True, "Asha", "Verma"),
        ("user@coe.example.in", "demo-user-pass", False, "Ravi", "Kumar"),
    ]
    for email, password, is_staff, first, last in accounts:
        user = user_model.objects.filter(email=email).first()
        if user is None:
            user = user_model.objects.create_user(
                email=email,
                password=password,
                first_name=first,
                last_name=last,
                is_staff=is_staff,
                is_superuser=is_staff,
            )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        role = "staff (admin at /admin/)" if is_staff else "user"
        stdout.write(f"demo {role}: {email} / {password}")
