"""Vocabularies several apps share: India's states and union territories, the
languages of the Eighth Schedule, and the sectors AI work is in. Labels are shown
in the reader's language."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    LANGUAGE_TECH = "language_tech", _("Language technology")
    SPEECH = "speech", _("Speech and voice")
    HEALTH = "health", _("Health")
    AGRICULTURE = "agriculture", _("Agriculture")
    EDUCATION = "education", _("Education")
    FINANCE = "finance", _("Finance")
    GOVERNANCE = "governance", _("Governance and public services")
    LEGAL = "legal", _("Legal")
    CLIMATE = "climate", _("Climate and environment")
    OTHER = "other", _("Other")


class IndianState(models.TextChoices):
    AP = "AP", _("Andhra Pradesh")
    AR = "AR", _("Arunachal Pradesh")
    AS = "AS", _("Assam")
    BR = "BR", _("Bihar")
    CT = "CT", _("Chhattisgarh")
    GA = "GA", _("Goa")
    GJ = "GJ", _("Gujarat")
    HR = "HR", _("Haryana")
    HP = "HP", _("Himachal Pradesh")
    JH = "JH", _("Jharkhand")
    KA = "KA", _("Karnataka")
    KL = "KL", _("Kerala")
    MP = "MP", _("Madhya Pradesh")
    MH = "MH", _("Maharashtra")
    MN = "MN", _("Manipur")
    ML = "ML", _("Meghalaya")
    MZ = "MZ", _("Mizoram")
    NL = "NL", _("Nagaland")
    OR = "OR", _("Odisha")
    PB = "PB", _("Punjab")
    RJ = "RJ", _("Rajasthan")
    SK = "SK", _("Sikkim")
    TN = "TN", _("Tamil Nadu")
    TG = "TG", _("Telangana")
    TR = "TR", _("Tripura")
    UP = "UP", _("Uttar Pradesh")
    UK = "UK", _("Uttarakhand")
    WB = "WB", _("West Bengal")
    AN = "AN", _("Andaman and Nicobar Islands")
    CH = "CH", _("Chandigarh")
    DH = "DH", _("Dadra and Nagar Haveli and Daman and Diu")
    DL = "DL", _("Delhi")
    JK = "JK", _("Jammu and Kashmir")
    LA = "LA", _("Ladakh")
    LD = "LD", _("Lakshadweep")
    PY = "PY", _("Puducherry")


class IndianLanguage(models.TextChoices):
    """The 22 languages of the Eighth Schedule, plus "other"."""

    AS = "as", _("Assamese")
    BN = "bn", _("Bengali")
    BRX = "brx", _("Bodo")
    DOI = "doi", _("Dogri")
    GU = "gu", _("Gujarati")
    HI = "hi", _("Hindi")
    KN = "kn", _("Kannada")
    KS = "ks", _("Kashmiri")
    KOK = "kok", _("Konkani")
    MAI = "mai", _("Maithili")
    ML = "ml", _("Malayalam")
    MNI = "mni", _("Manipuri")
    MR = "mr", _("Marathi")
    NE = "ne", _("Nepali")
    OR = "or", _("Odia")
    PA = "pa", _("Punjabi")
    SA = "sa", _("Sanskrit")
    SAT = "sat", _("Santali")
    SD = "sd", _("Sindhi")
    TA = "ta", _("Tamil")
    TE = "te", _("Telugu")
    UR = "ur", _("Urdu")
    OTHER = "other", _("Other languages")
