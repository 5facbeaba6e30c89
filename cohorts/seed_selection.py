"""Demo selection data: rubrics, submitted applications and, with demo users,
one reviewer, one selection manager and one editor, and reviews in English and
Hindi. Called by `cohorts.seed`; idempotent like the rest of `seed_demo`."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .enums import ApplicationStatus, ReviewStatus
from .groups import REVIEWERS, SELECTION_MANAGERS, ensure_groups
from .models import (
    Application,
    CohortPage,
    Founder,
    Review,
    RubricCriterion,
    Startup,
)

RUBRIC = [
    ("Impact", "How many people gain, and how much?", 2, 5),
    ("Indian-language focus", "Low-resource languages count most.", 2, 5),
    ("Team", "Can this team build and ship it?", 1, 5),
    ("Compute plan", "Is the GPU-hour request sound?", 1, 5),
]

DEMO_STARTUPS = [
    ("Santali Speech Labs", "JH", "speech", "prototype", ["sat", "hi"], 0),
    ("Bodo Bhasha AI", "AS", "language_tech", "pilot", ["brx", "as"], 1),
    ("Krishi Vaani", "MP", "agriculture", "pilot", ["hi", "mr"], 2),
    ("Nyaya Anuvad", "DL", "legal", "revenue", ["hi", "ur", "pa"], 0),
    ("Shiksha Setu", "OR", "education", "prototype", ["or", "sat"], 3),
    ("Arogya Bol", "KA", "health", "idea", ["kn", "te", "ta"], 1),
]

DEMO_REVIEWS = [
    # (startup index, scores per criterion, comment, recommendation)
    (0, [5, 5, 4, 4], "Strong Santali data and a clear pilot.", "strong_yes"),
    (1, [4, 5, 3, 3], "बोडो भाषा पर अच्छा काम; टीम छोटी है।", "yes"),
    (2, [3, 2, 4, 4], "Useful, but Hindi and Marathi are well served.", "no"),
    (3, [4, 3, 5, 2], "कानूनी अनुवाद उपयोगी है; कंप्यूट योजना अस्पष्ट।", "yes"),
]

DEMO_STAFF = [
    ("reviewer@coe.example.in", "demo-reviewer-pass", REVIEWERS, "Kavya", "Iyer"),
    (
        "manager@coe.example.in",
        "demo-manager-pass",
        SELECTION_MANAGERS,
        "Arjun",
        "Mehta",
    ),
    ("editor@coe.example.in", "demo-editor-pass", "Editors", "Nisha", "Rao"),
]


def ensure_rubric(cohort) -> None:
    if cohort.rubric_criteria.exists():
        return
    cohort.rubric_criteria = [
        RubricCriterion(name=name, description=text, weight=weight, max_score=top)
        for name, text, weight, top in RUBRIC
    ]
    cohort.save_revision().publish()


def ensure_applications(cohort, model_ids) -> list[Application]:
    questions = cohort.question_list
    problem, model = questions[0], questions[1]
    labels = dict(model["choices"])
    applications = []
    for name, state, sector, stage, languages, choice in DEMO_STARTUPS:
        startup, created = Startup.objects.get_or_create(
            name=name,
            defaults={
                "state": state,
                "city": "",
                "sector": sector,
                "stage": stage,
                "languages": languages,
                "team_size": 4,
                "website": f"https://{name.lower().replace(' ', '-')}.example.in",
                "description": f"{name} builds AI for {', '.join(languages)}.",
            },
        )
        if created:
            Founder.objects.create(
                startup=startup, name=f"Founder of {name}", email="founder@example.in"
            )
        choice_id = model_ids[choice]
        application, _created = Application.objects.get_or_create(
            cohort=cohort,
            startup=startup,
            defaults={
                "status": ApplicationStatus.SUBMITTED,
                "submitted_at": cohort.applications_close_at - dt.timedelta(days=2),
                "compute_gpu_hours": 1500,
                "compute_purpose": "Fine-tuning speech and text models.",
                "answers": {
                    problem["id"]: {
                        "label": problem["label"],
                        "type": problem["type"],
                        "value": f"{name} serves speakers of {', '.join(languages)}.",
                    },
                    model["id"]: {
                        "label": model["label"],
                        "type": model["type"],
                        "value": choice_id,
                        "choice_labels": {choice_id: labels.get(choice_id, "")},
                    },
                },
            },
        )
        applications.append(application)
    return applications


def ensure_staff(stdout) -> dict:
    from allauth.account.models import EmailAddress

    groups = ensure_groups()
    users = {}
    for email, password, group_name, first, last in DEMO_STAFF:
        user = get_user_model().objects.filter(email=email).first()
        if user is None:
            user = get_user_model().objects.create_user(
                email=email, password=password, first_name=first, last_name=last
            )
        group = groups.get(group_name) or Group.objects.filter(name=group_name).first()
        if group is not None:
            user.groups.add(group)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        stdout.write(
            f"demo {group_name.lower()} (admin at /admin/): {email} / {password}"
        )
        users[group_name] = user
    return users


def ensure_reviews(applications, reviewer) -> None:
    from .selection import assign_reviewers, criteria_of, submit_review

    # From the database: on a fresh seed the cohort in memory holds the rubric
    # as set before publishing, without primary keys.
    cohort = CohortPage.objects.get(pk=applications[0].cohort_id)
    criteria = criteria_of(cohort)
    assign_reviewers(applications, reviewers=[reviewer], by=None)
    for index, values, comment, recommendation in DEMO_REVIEWS:
        review = Review.objects.get(application=applications[index], reviewer=reviewer)
        if review.status == ReviewStatus.SUBMITTED:
            continue
        submit_review(
            review,
            by=reviewer,
            scores={str(c.pk): v for c, v in zip(criteria, values, strict=True)},
            comment=comment,
            recommendation=recommendation,
        )


def seed_selection(cohorts, closed, model_ids, stdout, options) -> None:
    ensure_groups()
    for cohort in cohorts:
        ensure_rubric(cohort)
    applications = ensure_applications(closed, model_ids)
    if options.get("demo_users"):
        users = ensure_staff(stdout)
        ensure_reviews(applications, users[REVIEWERS])
    stdout.write(f"selection demo ready: {len(applications)} submitted applications")
