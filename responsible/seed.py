"""The demo's responsible-AI checklists, in English and Hindi, in our own words.

Every item keeps one block id in both languages (made from its place), as a
translation made in wagtail-localize does: answers are read by that id.
Idempotent, like the rest of seed_demo.
"""

import uuid

from home.demo import get_locale, upsert_page, upsert_translation
from home.models import HomePage

from .models import ChecklistIndexPage, ChecklistPage

INDEX = {
    "en": {
        "title": "Responsible AI",
        "intro": (
            "Checklists for building and releasing AI responsibly in India. Read "
            "them, then fill in a self-assessment for your product, model or "
            "dataset and attach it to your application."
        ),
    },
    "hi": {
        "title": "ज़िम्मेदार AI",
        "intro": (
            "भारत में AI को ज़िम्मेदारी से बनाने और जारी करने के लिए जाँच-सूचियाँ। "
            "इन्हें पढ़ें, फिर अपने उत्पाद, मॉडल या डेटासेट के लिए स्व-मूल्यांकन भरें "
            "और उसे अपने आवेदन के साथ जोड़ें।"
        ),
    },
    "ta": {
        "title": "பொறுப்பான AI",
        "intro": (
            "இந்தியாவில் AI-ஐப் பொறுப்புடன் உருவாக்கி வெளியிடுவதற்கான சரிபார்ப்புப் "
            "பட்டியல்கள். அவற்றைப் படித்து, உங்கள் தயாரிப்பு, மாதிரி அல்லது "
            "தரவுத்தொகுப்புக்கு ஒரு சுய மதிப்பீட்டை நிரப்புங்கள்."
        ),
    },
}

# slug: {language: (title, summary, intro, [(heading, [(item, why)])])}
CHECKLISTS = {
    "dataset-consent-and-provenance": {
        "en": (
            "Dataset consent and provenance",
            "Before you collect, buy or train on a dataset: where it came from, "
            "whether the people in it agreed, and how it is protected, under the "
            "Digital Personal Data Protection Act, 2023.",
            "For teams that build or use text, speech or image datasets in Indian "
            "languages. Answer for one dataset at a time.",
            [
                (
                    "Where the data came from",
                    [
                        (
                            "The source of every part of the dataset is written "
                            "down: who collected it, when, and from where.",
                            "Without provenance you cannot honour a takedown "
                            "request, check a licence or explain later why a model "
                            "behaves as it does.",
                        ),
                        (
                            "The licence or terms of each source allow our use, "
                            "including commercial use and sharing if we plan them.",
                            "Public datasets and web text often forbid commercial "
                            "use or derivatives, and those terms pass on to what "
                            "you build.",
                        ),
                    ],
                ),
                (
                    "Consent and notice",
                    [
                        (
                            "Everyone whose personal data is in the dataset was "
                            "told, in a language they understand, what is collected "
                            "and why.",
                            "The Act asks for a clear notice, available in English "
                            "or any of the 22 scheduled languages; consent without "
                            "it is not informed.",
                        ),
                        (
                            "Consent was given freely for a stated purpose, and the "
                            "data is used for that purpose only.",
                            "Consent covers a purpose, not a dataset: training a new "
                            "kind of model may need fresh consent.",
                        ),
                        (
                            "People can withdraw their consent as easily as they "
                            "gave it, and their data is then removed.",
                            "Withdrawal is a right under the Act; a dataset with no "
                            "way to find and delete a person's records cannot honour "
                            "it.",
                        ),
                        (
                            "No child's data is included without verifiable consent "
                            "from a parent or guardian.",
                            "The Act treats everyone under 18 as a child and asks "
                            "for a parent's verifiable consent before their data is "
                            "processed.",
                        ),
                    ],
                ),
                (
                    "Contributors and protection",
                    [
                        (
                            "Speakers, annotators and transcribers were paid fairly "
                            "and know how their work will be used.",
                            "Indian-language datasets are often built by people "
                            "paid per clip; fair pay and plain terms keep the data, "
                            "and the trust, good.",
                        ),
                        (
                            "Names, phone numbers, Aadhaar numbers and other "
                            "identifiers are removed or masked before training or "
                            "sharing.",
                            "Models can repeat what they were trained on; in a small "
                            "language community even a village name can identify "
                            "someone.",
                        ),
                        (
                            "The data is stored with access control, and we know "
                            "how we would report a breach.",
                            "A data fiduciary must protect personal data with "
                            "reasonable safeguards and tell the Data Protection "
                            "Board and the people affected of a breach.",
                        ),
                    ],
                ),
            ],
        ),
        "hi": (
            "डेटासेट: सहमति और स्रोत",
            "किसी डेटासेट को जुटाने, ख़रीदने या उस पर प्रशिक्षण से पहले: वह कहाँ से "
            "आया, क्या उसमें शामिल लोगों ने सहमति दी, और वह कैसे सुरक्षित है — "
            "डिजिटल व्यक्तिगत डेटा संरक्षण अधिनियम, 2023 के अनुसार।",
            "भारतीय भाषाओं में टेक्स्ट, वाणी या चित्र डेटासेट बनाने या उपयोग करने वाली "
            "टीमों के लिए। एक बार में एक डेटासेट के लिए उत्तर दें।",
            [
                (
                    "डेटा कहाँ से आया",
                    [
                        (
                            "डेटासेट के हर हिस्से का स्रोत लिखा हुआ है: किसने, कब "
                            "और कहाँ से इकट्ठा किया।",
                            "स्रोत जाने बिना आप हटाने के अनुरोध का पालन, लाइसेंस "
                            "की जाँच या बाद में यह नहीं समझा सकते कि मॉडल ऐसा "
                            "क्यों करता है।",
                        ),
                        (
                            "हर स्रोत का लाइसेंस या शर्तें हमारे उपयोग की अनुमति "
                            "देती हैं, व्यावसायिक उपयोग और साझा करने सहित, यदि "
                            "हमारी ऐसी योजना है।",
                            "सार्वजनिक डेटासेट और वेब टेक्स्ट अक्सर व्यावसायिक "
                            "उपयोग या व्युत्पन्न कार्य मना करते हैं, और ये शर्तें "
                            "आपके बनाए उत्पाद पर भी लागू होती हैं।",
                        ),
                    ],
                ),
                (
                    "सहमति और सूचना",
                    [
                        (
                            "जिन लोगों का व्यक्तिगत डेटा डेटासेट में है, उन सभी को "
                            "उनकी समझ की भाषा में बताया गया कि क्या और क्यों "
                            "इकट्ठा किया जा रहा है।",
                            "अधिनियम स्पष्ट सूचना माँगता है, जो अंग्रेज़ी या 22 "
                            "अनुसूचित भाषाओं में से किसी में भी उपलब्ध हो; इसके "
                            "बिना सहमति सूचित नहीं होती।",
                        ),
                        (
                            "सहमति स्वेच्छा से, एक बताए गए उद्देश्य के लिए दी गई, "
                            "और डेटा केवल उसी उद्देश्य के लिए उपयोग होता है।",
                            "सहमति किसी उद्देश्य के लिए होती है, डेटासेट के लिए "
                            "नहीं: नए प्रकार के मॉडल के प्रशिक्षण के लिए नई सहमति "
                            "चाहिए हो सकती है।",
                        ),
                        (
                            "लोग अपनी सहमति उतनी ही आसानी से वापस ले सकते हैं "
                            "जितनी आसानी से दी थी, और तब उनका डेटा हटा दिया जाता "
                            "है।",
                            "सहमति वापस लेना अधिनियम के तहत अधिकार है; जिस "
                            "डेटासेट में किसी व्यक्ति के रिकॉर्ड ढूँढकर हटाने का "
                            "तरीका नहीं, वह इसका पालन नहीं कर सकता।",
                        ),
                        (
                            "माता-पिता या अभिभावक की सत्यापन योग्य सहमति के बिना "
                            "किसी बच्चे का डेटा शामिल नहीं है।",
                            "अधिनियम 18 वर्ष से कम आयु के हर व्यक्ति को बच्चा "
                            "मानता है और उसके डेटा के प्रसंस्करण से पहले माता-पिता "
                            "की सत्यापन योग्य सहमति माँगता है।",
                        ),
                    ],
                ),
                (
                    "योगदानकर्ता और सुरक्षा",
                    [
                        (
                            "वक्ताओं, एनोटेटरों और प्रतिलेखकों को उचित भुगतान मिला "
                            "और वे जानते हैं कि उनके काम का उपयोग कैसे होगा।",
                            "भारतीय भाषाओं के डेटासेट अक्सर प्रति क्लिप भुगतान "
                            "पाने वाले लोग बनाते हैं; उचित भुगतान और साफ़ शर्तें "
                            "डेटा और भरोसे, दोनों को अच्छा रखती हैं।",
                        ),
                        (
                            "नाम, फ़ोन नंबर, आधार नंबर और अन्य पहचानकर्ता "
                            "प्रशिक्षण या साझा करने से पहले हटाए या छिपाए जाते हैं।",
                            "मॉडल वह दोहरा सकते हैं जिस पर वे प्रशिक्षित हुए; किसी "
                            "छोटे भाषा समुदाय में गाँव का नाम भी किसी की पहचान "
                            "बता सकता है।",
                        ),
                        (
                            "डेटा पहुँच नियंत्रण के साथ संग्रहीत है, और हम जानते "
                            "हैं कि उल्लंघन की सूचना कैसे देंगे।",
                            "डेटा न्यासी को उचित सुरक्षा उपायों से व्यक्तिगत डेटा "
                            "की रक्षा करनी होती है और उल्लंघन होने पर डेटा संरक्षण "
                            "बोर्ड और प्रभावित लोगों को बताना होता है।",
                        ),
                    ],
                ),
            ],
        ),
    },
    "releasing-a-model": {
        "en": (
            "Releasing a model",
            "Before you release a language or speech model: evaluation in the "
            "Indian languages it claims, bias, foreseeable misuse, and the "
            "documentation others need.",
            "For teams about to publish weights, an API or an app built on a model. "
            "Answer for one release at a time.",
            [
                (
                    "Evaluation in Indian languages",
                    [
                        (
                            "The model was evaluated in every Indian language it "
                            "claims to support, on test data it never saw in "
                            "training.",
                            "A model that does well in English or Hindi can fail in "
                            "Maithili or Santali; each claim needs its own evidence.",
                        ),
                        (
                            "Results are reported per language and per script, "
                            "including romanised and code-mixed text.",
                            "An average hides the languages where the model fails, "
                            "and many people type Hindi or Tamil in Latin letters.",
                        ),
                        (
                            "Native speakers of each language reviewed a sample of "
                            "the outputs.",
                            "Automatic scores miss meaning, tone, honorifics and "
                            "cultural mistakes that a speaker sees at once.",
                        ),
                    ],
                ),
                (
                    "Bias and misuse",
                    [
                        (
                            "Outputs were tested for bias by gender, caste, "
                            "religion, region and disability.",
                            "Models learn the stereotypes in their data; in India "
                            "these can deny people services or insult whole "
                            "communities.",
                        ),
                        (
                            "Foreseeable misuses are listed (misinformation, "
                            "impersonation, voice cloning, surveillance) with what "
                            "we did to limit each.",
                            "Naming a misuse before release is the cheapest moment "
                            "to design against it.",
                        ),
                        (
                            "Users can report a harmful output, and someone answers "
                            "the reports.",
                            "No test finds every harm; reports from users show you "
                            "the ones you missed.",
                        ),
                    ],
                ),
                (
                    "Documentation",
                    [
                        (
                            "A model card states what the model is for and not for, "
                            "its languages, its training data and its known limits.",
                            "People who build on your model decide by what you tell "
                            "them; silence about a limit becomes their users' "
                            "problem.",
                        ),
                        (
                            "The licence of the weights is clear and fits the "
                            "licences of the training data.",
                            "Weights released under terms the data does not allow "
                            "can be taken down, and others' work with them.",
                        ),
                    ],
                ),
            ],
        ),
        "hi": (
            "मॉडल जारी करना",
            "किसी भाषा या वाणी मॉडल को जारी करने से पहले: जिन भारतीय भाषाओं का दावा "
            "है उनमें मूल्यांकन, पूर्वाग्रह, संभावित दुरुपयोग, और दूसरों के लिए "
            "ज़रूरी दस्तावेज़।",
            "उन टीमों के लिए जो वेट्स, API या मॉडल पर बना ऐप प्रकाशित करने वाली हैं। "
            "एक बार में एक रिलीज़ के लिए उत्तर दें।",
            [
                (
                    "भारतीय भाषाओं में मूल्यांकन",
                    [
                        (
                            "मॉडल का मूल्यांकन हर उस भारतीय भाषा में हुआ जिसके "
                            "समर्थन का दावा है, ऐसे परीक्षण डेटा पर जो उसने "
                            "प्रशिक्षण में कभी नहीं देखा।",
                            "जो मॉडल अंग्रेज़ी या हिन्दी में अच्छा है, वह मैथिली "
                            "या संथाली में विफल हो सकता है; हर दावे को अपना "
                            "प्रमाण चाहिए।",
                        ),
                        (
                            "परिणाम हर भाषा और हर लिपि के लिए अलग बताए गए हैं, "
                            "रोमन लिपि और मिश्रित भाषा वाले टेक्स्ट सहित।",
                            "औसत उन भाषाओं को छिपा देता है जहाँ मॉडल विफल होता है, "
                            "और बहुत लोग हिन्दी या तमिल लैटिन अक्षरों में लिखते हैं।",
                        ),
                        (
                            "हर भाषा के मूल वक्ताओं ने आउटपुट के एक नमूने की समीक्षा की।",
                            "स्वचालित अंक अर्थ, लहजे, आदरसूचक शब्दों और "
                            "सांस्कृतिक भूलों को नहीं पकड़ते, जो वक्ता तुरंत देख "
                            "लेता है।",
                        ),
                    ],
                ),
                (
                    "पूर्वाग्रह और दुरुपयोग",
                    [
                        (
                            "आउटपुट में लिंग, जाति, धर्म, क्षेत्र और दिव्यांगता के "
                            "आधार पर पूर्वाग्रह की जाँच हुई।",
                            "मॉडल अपने डेटा की रूढ़ियाँ सीखते हैं; भारत में ये "
                            "लोगों को सेवाओं से वंचित कर सकती हैं या पूरे समुदायों "
                            "का अपमान कर सकती हैं।",
                        ),
                        (
                            "संभावित दुरुपयोग सूचीबद्ध हैं (भ्रामक सूचना, किसी का "
                            "रूप धरना, आवाज़ की नकल, निगरानी), और हर एक को सीमित "
                            "करने के लिए हमने क्या किया।",
                            "रिलीज़ से पहले दुरुपयोग का नाम लेना उससे बचाव की "
                            "योजना बनाने का सबसे सस्ता समय है।",
                        ),
                        (
                            "उपयोगकर्ता हानिकारक आउटपुट की शिकायत कर सकते हैं, और "
                            "कोई उन शिकायतों का उत्तर देता है।",
                            "कोई भी परीक्षण हर हानि नहीं ढूँढता; उपयोगकर्ताओं की "
                            "शिकायतें वे हानियाँ दिखाती हैं जो छूट गईं।",
                        ),
                    ],
                ),
                (
                    "दस्तावेज़ीकरण",
                    [
                        (
                            "मॉडल कार्ड बताता है कि मॉडल किसके लिए है और किसके लिए "
                            "नहीं, उसकी भाषाएँ, प्रशिक्षण डेटा और ज्ञात सीमाएँ।",
                            "आपके मॉडल पर निर्माण करने वाले वही तय करते हैं जो आप "
                            "बताते हैं; किसी सीमा पर चुप्पी उनके उपयोगकर्ताओं की "
                            "समस्या बन जाती है।",
                        ),
                        (
                            "वेट्स का लाइसेंस स्पष्ट है और प्रशिक्षण डेटा के लाइसेंसों से मेल खाता है।",
                            "जिन शर्तों की डेटा अनुमति नहीं देता, उन पर जारी वेट्स "
                            "हटाए जा सकते हैं, और उन पर बना दूसरों का काम भी।",
                        ),
                    ],
                ),
            ],
        ),
    },
}


def block_id(*parts) -> str:
    return str(
        uuid.uuid5(uuid.NAMESPACE_URL, "responsible:" + ":".join(map(str, parts)))
    )


def stream(slug: str, sections: list) -> list:
    """StreamField data with ids made from each block's place."""
    return [
        {
            "type": "section",
            "id": block_id(slug, s),
            "value": {
                "heading": heading,
                "intro": "",
                "items": [
                    {
                        "type": "item",
                        "id": block_id(slug, s, i),
                        "value": {"text": item, "why": why},
                    }
                    for i, (item, why) in enumerate(items)
                ],
            },
        }
        for s, (heading, items) in enumerate(sections)
    ]


def fields(slug: str, language_version: tuple) -> dict:
    title, summary, intro, sections = language_version
    return {
        "title": title,
        "summary": summary,
        "intro": intro,
        "sections": stream(slug, sections),
    }


def seed(stdout, options) -> None:
    en = get_locale("en")
    home = HomePage.objects.filter(locale=en).first()
    if home is None:
        return
    index = upsert_page(home, ChecklistIndexPage, "responsible-ai", **INDEX["en"])
    for code in ("hi", "ta"):
        upsert_translation(index, get_locale(code), **INDEX[code])
    for slug, versions in CHECKLISTS.items():
        page = upsert_page(index, ChecklistPage, slug, **fields(slug, versions["en"]))
        upsert_translation(page, get_locale("hi"), **fields(slug, versions["hi"]))
    stdout.write(f"Responsible-AI checklists ready: {len(CHECKLISTS)}")
