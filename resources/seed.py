"""The demo's resources library: a catalogue of public Indian-language AI
resources, described in our own words. Idempotent, like the rest of seed_demo.

Licences are SPDX identifiers where we are sure of them; NOASSERTION ("see the
provider's terms") otherwise.
"""

from home.demo import get_locale, upsert_page, upsert_translation
from home.models import HomePage, StandardPage

from .models import ResourceIndexPage, ResourceLanguage, ResourceLink, ResourcePage

SCHEDULED = (
    "asm ben brx doi guj hin kan kas kok mai mal mni mar nep ory pan san sat snd "
    "tam tel urd"
)
AI4B = "AI4Bharat, IIT Madras"
HF = "https://huggingface.co/"
GH = "https://github.com/"

INDEX = {
    "en": {
        "title": "Resources",
        "intro": (
            "Open datasets, models, tools and guides for building AI in Indian "
            "languages. Filter by language, modality, task or licence."
        ),
    },
    "hi": {
        "title": "संसाधन",
        "intro": (
            "भारतीय भाषाओं में AI बनाने के लिए खुले डेटासेट, मॉडल, टूल और "
            "मार्गदर्शिकाएँ। भाषा, माध्यम, कार्य या लाइसेंस से छाँटें।"
        ),
    },
    "ta": {
        "title": "வளங்கள்",
        "intro": (
            "திறந்த மாதிரிகளும் தரவுத்தொகுப்புகளும்: இந்திய மொழிகளில் செயற்கை "
            "நுண்ணறிவை உருவாக்குவதற்கான தரவுத்தொகுப்புகள், மாதிரிகள், கருவிகள், "
            "வழிகாட்டிகள். மொழி, வடிவம், பணி அல்லது உரிமம் மூலம் வடிகட்டுங்கள்."
        ),
    },
}

# slug, title, kind, modality, task, licence, size, languages, maintainer,
# summary, provenance, links [(kind, url)]
CATALOGUE = [
    (
        "indiccorp-v2",
        "IndicCorp v2",
        "dataset",
        "text",
        "pretraining",
        "NOASSERTION",
        "About 20.9 billion tokens",
        SCHEDULED + " eng",
        AI4B,
        "A large monolingual corpus of news and web text in Indian languages, "
        "collected to pretrain language models such as IndicBERT v2.",
        "Crawled from publicly available news sites and web pages, then cleaned and "
        "de-duplicated; no personal consent was sought for public web text.",
        [("code", GH + "AI4Bharat/IndicBERT")],
    ),
    (
        "sangraha",
        "Sangraha",
        "dataset",
        "text",
        "pretraining",
        "CC-BY-4.0",
        "About 251 billion tokens",
        SCHEDULED + " eng",
        AI4B,
        "A pretraining corpus for Indian languages built from verified web "
        "content, PDFs and videos transcribed to text, plus synthetic translations.",
        "Sources were checked by people before crawling; speech from public videos "
        "was transcribed automatically.",
        [("data", HF + "datasets/ai4bharat/sangraha")],
    ),
    (
        "samanantar",
        "Samanantar",
        "dataset",
        "text",
        "translation",
        "CC-BY-NC-4.0",
        "49.7 million sentence pairs",
        "asm ben guj hin kan mal mar ory pan tam tel eng",
        AI4B,
        "The largest public collection of English to Indian language sentence "
        "pairs when released, for training translation systems.",
        "Gathered from existing parallel corpora and mined from the web with "
        "sentence alignment.",
        [("data", HF + "datasets/ai4bharat/samanantar")],
    ),
    (
        "aksharantar",
        "Aksharantar",
        "dataset",
        "text",
        "transliteration",
        "NOASSERTION",
        "About 26 million word pairs",
        "asm ben brx guj hin kan kas kok mai mal mni mar nep ory pan san snd tam "
        "tel urd eng",
        AI4B,
        "Pairs of words written in a native script and in the Latin script, for "
        "training and testing transliteration.",
        "Mined from monolingual and parallel corpora and collected from "
        "paid annotators.",
        [("data", HF + "datasets/ai4bharat/Aksharantar")],
    ),
    (
        "in22",
        "IN22",
        "dataset",
        "text",
        "evaluation",
        "NOASSERTION",
        "About 2,500 sentences per language",
        SCHEDULED + " eng",
        AI4B,
        "A benchmark for machine translation between English and the 22 scheduled "
        "languages, covering general and conversational text.",
        "Sentences written and translated by professional translators.",
        [("data", HF + "datasets/ai4bharat/IN22-Gen")],
    ),
    (
        "naamapadam",
        "Naamapadam",
        "dataset",
        "text",
        "named-entities",
        "NOASSERTION",
        "About 5.7 million sentences",
        "asm ben guj hin kan mal mar ory pan tam tel",
        AI4B,
        "Sentences labelled with people, places and organisations, for training "
        "named entity recognisers in Indian languages.",
        "Labels projected from English through parallel text; test sets checked by "
        "annotators.",
        [("data", HF + "datasets/ai4bharat/naamapadam")],
    ),
    (
        "indicxtreme",
        "IndicXTREME",
        "dataset",
        "text",
        "evaluation",
        "NOASSERTION",
        "9 tasks",
        SCHEDULED + " eng",
        AI4B,
        "A benchmark of language understanding tasks across Indian languages, "
        "used to compare multilingual encoders.",
        "Built from new human-made sets and existing public ones.",
        [("code", GH + "AI4Bharat/IndicBERT")],
    ),
    (
        "indicvoices",
        "IndicVoices",
        "dataset",
        "speech",
        "speech-recognition",
        "CC-BY-4.0",
        "Thousands of hours",
        SCHEDULED,
        AI4B,
        "Natural and read speech from speakers across India's districts, "
        "transcribed, for building speech recognition.",
        "Recorded with participants who were told how the recordings would be "
        "used and agreed to it; speakers were paid.",
        [("data", HF + "datasets/ai4bharat/IndicVoices")],
    ),
    (
        "kathbath",
        "Kathbath",
        "dataset",
        "speech",
        "speech-recognition",
        "NOASSERTION",
        "About 1,684 hours",
        "ben guj hin kan mal mar ory pan san tam tel urd",
        AI4B,
        "Read speech from over a thousand speakers, with transcripts, for training "
        "and benchmarking speech recognition.",
        "Speakers read sentences on their phones through a crowdsourcing app and "
        "agreed to the release.",
        [("data", HF + "datasets/ai4bharat/kathbath")],
    ),
    (
        "shrutilipi",
        "Shrutilipi",
        "dataset",
        "speech",
        "speech-recognition",
        "NOASSERTION",
        "Over 6,400 hours",
        "ben guj hin kan mal mar ory pan san tam tel urd",
        AI4B,
        "Speech and transcripts mined from public radio news bulletins.",
        "Audio and matching text bulletins published by All India Radio, aligned "
        "automatically.",
        [("data", HF + "datasets/ai4bharat/Shrutilipi")],
    ),
    (
        "vistaar",
        "Vistaar",
        "dataset",
        "speech",
        "evaluation",
        "NOASSERTION",
        "59 test sets",
        "ben guj hin kan mal mar ory pan san tam tel urd",
        AI4B,
        "A set of benchmarks for judging speech recognition in Indian languages "
        "across domains and recording conditions.",
        "Assembled from existing public test sets.",
        [("code", GH + "AI4Bharat/vistaar")],
    ),
    (
        "common-voice",
        "Mozilla Common Voice",
        "dataset",
        "speech",
        "speech-recognition",
        "CC0-1.0",
        "Varies by language",
        "asm ben hin mal mar nep ory pan san tam tel urd",
        "Mozilla Foundation",
        "Crowdsourced recordings of volunteers reading sentences, validated by "
        "other volunteers, released in public domain.",
        "Volunteers record and validate voluntarily and agree to the release of "
        "their recordings under CC0.",
        [("home", "https://commonvoice.mozilla.org/")],
    ),
    (
        "vaani",
        "Vaani",
        "dataset",
        "speech",
        "speech-recognition",
        "NOASSERTION",
        "Growing; thousands of hours",
        "hin ben mar tel tam kan mal guj bho mai mag",
        "IISc Bengaluru and ARTPARK, with Google",
        "Spontaneous speech describing images, gathered district by district "
        "across India, partly transcribed.",
        "Participants were recruited and paid through vendors and consented to "
        "the recording.",
        [("home", "https://vaani.iisc.ac.in/")],
    ),
    (
        "indic-tts-iitm",
        "Indic TTS database",
        "dataset",
        "speech",
        "speech-synthesis",
        "NOASSERTION",
        "Studio recordings, 13 languages",
        "asm ben brx guj hin kan mal mni mar ory tam tel eng",
        "IIT Madras",
        "Studio-quality recordings of native speakers for building text-to-speech "
        "voices in Indian languages.",
        "Recorded by paid voice artists under a consortium project.",
        [("home", "https://www.iitm.ac.in/donlab/indictts/")],
    ),
    (
        "flores-200",
        "FLORES-200",
        "dataset",
        "text",
        "evaluation",
        "CC-BY-SA-4.0",
        "About 3,000 sentences per language",
        "asm ben guj hin kan kas mai mal mni mar nep ory pan san sat snd tam tel "
        "urd bho awa mag eng",
        "Meta AI",
        "A translation benchmark of the same sentences in 200 languages, widely "
        "used to test Indian language translation.",
        "Sentences from Wikimedia projects translated by professional translators.",
        [("code", GH + "facebookresearch/flores")],
    ),
    (
        "iiit-indic-hw-words",
        "IIIT-INDIC-HW-WORDS",
        "dataset",
        "image",
        "text-recognition",
        "NOASSERTION",
        "About 870,000 word images",
        "ben guj hin kan mal ory pan tam tel urd",
        "CVIT, IIIT Hyderabad",
        "Images of handwritten words for training handwriting recognition in "
        "Indian scripts.",
        "Written by paid volunteers on forms, then scanned and segmented.",
        [("home", "https://cvit.iiit.ac.in/")],
    ),
    (
        "indictrans2",
        "IndicTrans2",
        "model",
        "text",
        "translation",
        "MIT",
        "About 1.1 billion parameters",
        SCHEDULED + " eng",
        AI4B,
        "Open translation models between English and all 22 scheduled languages, "
        "and between Indian languages.",
        "Trained on the Bharat Parallel Corpus Collection, mined and human-made "
        "parallel text.",
        [("code", GH + "AI4Bharat/IndicTrans2")],
    ),
    (
        "indicbert-v2",
        "IndicBERT v2",
        "model",
        "text",
        "understanding",
        "MIT",
        "About 278 million parameters",
        SCHEDULED + " eng",
        AI4B,
        "A multilingual encoder for classification, tagging and retrieval in "
        "Indian languages.",
        "Pretrained on IndicCorp v2.",
        [("code", GH + "AI4Bharat/IndicBERT")],
    ),
    (
        "muril",
        "MuRIL",
        "model",
        "text",
        "understanding",
        "Apache-2.0",
        "About 237 million parameters",
        "asm ben guj hin kan kas mal mar nep ory pan san snd tam tel urd eng",
        "Google Research India",
        "A BERT model trained on Indian languages and their transliterations, "
        "for understanding mixed and romanised text.",
        "Pretrained on public web text, Wikipedia and translated and "
        "transliterated pairs.",
        [("model", HF + "google/muril-base-cased")],
    ),
    (
        "airavata",
        "Airavata",
        "model",
        "text",
        "text-generation",
        "NOASSERTION",
        "7 billion parameters",
        "hin eng",
        AI4B,
        "A Hindi instruction-following chat model, fine-tuned from OpenHathi.",
        "Fine-tuned on instruction data translated into Hindi (IndicInstruct).",
        [("model", HF + "ai4bharat/Airavata")],
    ),
    (
        "openhathi",
        "OpenHathi Hi v0.1",
        "model",
        "text",
        "text-generation",
        "NOASSERTION",
        "7 billion parameters",
        "hin eng",
        "Sarvam AI",
        "A base Hindi and English language model extended from Llama 2, for "
        "further fine-tuning.",
        "Continued pretraining on Hindi text; the Llama 2 licence applies.",
        [("model", HF + "sarvamai/OpenHathi-7B-Hi-v0.1-Base")],
    ),
    (
        "sarvam-1",
        "Sarvam-1",
        "model",
        "text",
        "text-generation",
        "NOASSERTION",
        "2 billion parameters",
        "ben guj hin kan mal mar ory pan tam tel eng",
        "Sarvam AI",
        "A small language model built for ten Indian languages and English, "
        "with an efficient tokenizer.",
        "Pretrained on web text and synthetic data in Indian languages.",
        [("model", HF + "sarvamai/sarvam-1")],
    ),
    (
        "indicwav2vec",
        "IndicWav2Vec",
        "model",
        "speech",
        "speech-recognition",
        "NOASSERTION",
        "Base and large models",
        "ben guj hin mar ory tam tel mal kan pan san urd nep",
        AI4B,
        "Speech recognition models pretrained on Indian language audio and "
        "fine-tuned on public transcribed speech.",
        "Pretrained on audio from public sources.",
        [("code", GH + "AI4Bharat/IndicWav2Vec")],
    ),
    (
        "whisper",
        "Whisper",
        "model",
        "speech",
        "speech-recognition",
        "MIT",
        "39 million to 1.5 billion parameters",
        "asm ben guj hin kan mal mar nep pan san snd tam tel urd eng",
        "OpenAI",
        "A general speech recognition and speech translation model covering "
        "many languages, including several Indian ones.",
        "Trained on audio and transcripts collected from the web.",
        [("code", GH + "openai/whisper")],
    ),
    (
        "nllb-200",
        "NLLB-200",
        "model",
        "text",
        "translation",
        "CC-BY-NC-4.0",
        "600 million to 54 billion parameters",
        "asm ben guj hin kan kas mai mal mni mar nep ory pan san sat snd tam tel "
        "urd bho awa mag eng",
        "Meta AI",
        "Translation models for 200 languages, including many Indian languages "
        "with little data.",
        "Trained on mined and human-translated parallel text.",
        [("model", HF + "facebook/nllb-200-distilled-600M")],
    ),
    (
        "indiclid",
        "IndicLID",
        "model",
        "text",
        "understanding",
        "NOASSERTION",
        "Two classifiers",
        SCHEDULED + " eng",
        AI4B,
        "Identifies which Indian language a text is in, in native or Latin script.",
        "Trained on IndicCorp and synthetic romanised text.",
        [("code", GH + "AI4Bharat/IndicLID")],
    ),
    (
        "bhashini",
        "Bhashini",
        "tool",
        "speech",
        "translation",
        "NOASSERTION",
        "Online services and APIs",
        SCHEDULED + " eng",
        "Digital India Bhashini Division, MeitY",
        "The national language platform: translation, speech recognition and "
        "speech synthesis services for Indian languages.",
        "Models contributed by research institutions under the National "
        "Language Translation Mission.",
        [("home", "https://bhashini.gov.in/")],
    ),
    (
        "indic-nlp-library",
        "Indic NLP Library",
        "tool",
        "text",
        "understanding",
        "MIT",
        "Python library",
        "asm ben guj hin kan kok mal mni mar nep ory pan san snd tam tel urd",
        "Anoop Kunchukuttan",
        "Text processing for Indian languages: normalisation, tokenisation, "
        "script conversion and transliteration.",
        "Open-source code; no personal data.",
        [("code", GH + "anoopkunchukuttan/indic_nlp_library")],
    ),
    (
        "responsible-ai-part-1",
        "Responsible AI for All, Part 1",
        "guide",
        "text",
        "governance",
        "NOASSERTION",
        "Approach document (2021)",
        "eng",
        "NITI Aayog",
        "Principles for responsible AI in India: safety, equality, inclusivity, "
        "privacy, transparency and accountability.",
        "A government discussion paper.",
        [("home", "https://www.niti.gov.in/")],
    ),
    (
        "responsible-ai-part-2",
        "Responsible AI for All, Part 2",
        "guide",
        "text",
        "governance",
        "NOASSERTION",
        "Approach document (2021)",
        "eng",
        "NITI Aayog",
        "How to put responsible AI principles into practice: the roles of "
        "government, industry and an oversight body.",
        "A government discussion paper.",
        [("home", "https://www.niti.gov.in/")],
    ),
    (
        "responsible-ai-facial-recognition",
        "Responsible AI for facial recognition",
        "guide",
        "image",
        "governance",
        "NOASSERTION",
        "Discussion paper (2022)",
        "eng",
        "NITI Aayog",
        "Applies the responsible AI principles to facial recognition, with "
        "Digi Yatra as the case study.",
        "A government discussion paper.",
        [("home", "https://www.niti.gov.in/")],
    ),
    (
        "dpdp-act-2023",
        "Digital Personal Data Protection Act, 2023",
        "guide",
        "text",
        "governance",
        "NOASSERTION",
        "The Act as published",
        "eng hin",
        "Ministry of Electronics and Information Technology",
        "India's law on processing digital personal data: consent, notice, the "
        "rights of data principals and the duties of data fiduciaries.",
        "Published in the Gazette of India.",
        [("home", "https://www.meity.gov.in/")],
    ),
]


def _convert_old_page(home) -> None:
    """The demo once had a plain page at /resources/: the library replaces it."""
    for old in StandardPage.objects.child_of(home).filter(slug="resources"):
        for translation in old.get_translations():
            translation.delete()
        old.delete()


def _set_children(page, codes: list[str], links: list) -> None:
    have_codes = [item.code for item in page.resource_languages.all()]
    have_links = [(item.kind, item.url) for item in page.links.all()]
    if have_codes == codes and have_links == links:
        return
    page.resource_languages = [ResourceLanguage(code=code) for code in codes]
    page.links = [ResourceLink(kind=kind, url=url) for kind, url in links]
    page.save_revision().publish()


def seed(stdout, options) -> None:
    en = get_locale("en")
    home = HomePage.objects.filter(locale=en).first()
    if home is None:
        return
    _convert_old_page(home)
    # In the menu, as the plain page it replaces was.
    index = upsert_page(
        home, ResourceIndexPage, "resources", show_in_menus=True, **INDEX["en"]
    )
    for code in ("hi", "ta"):
        upsert_translation(index, get_locale(code), **INDEX[code])
    for row in CATALOGUE:
        (slug, title, kind, modality, task, licence, size, languages, maintainer,
         summary, provenance, links) = row  # fmt: skip
        page = upsert_page(
            index,
            ResourcePage,
            slug,
            title=title,
            kind=kind,
            modality=modality,
            task=task,
            licence=licence,
            size=size,
            summary=summary,
            provenance=provenance,
            maintainer=maintainer,
        )
        _set_children(page, languages.split(), links)
    stdout.write(f"Resources library ready: {len(CATALOGUE)} entries")
