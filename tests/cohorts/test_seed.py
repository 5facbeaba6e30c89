from django.conf import settings

from cohorts.models import CohortIndexPage, CohortPage


def test_seed_builds_an_open_and_a_closed_cohort_in_both_languages(client, seeded):
    # The index in every language (its cohorts in English and Hindi).
    assert CohortIndexPage.objects.filter(live=True).count() == len(settings.LANGUAGES)
    english = CohortPage.objects.filter(locale__language_code="en", live=True)
    assert sorted(c.is_open() for c in english) == [False, True]
    open_cohort = next(c for c in english if c.is_open())
    assert len(open_cohort.question_list) >= 5
    hindi = open_cohort.get_translation(
        CohortPage.objects.filter(locale__language_code="hi").first().locale
    )
    assert [q["id"] for q in hindi.specific.question_list] == [
        q["id"] for q in open_cohort.question_list
    ]
    assert client.get("/cohorts/").status_code == 200
    assert client.get(f"/hi/cohorts/{open_cohort.slug}/").status_code == 200


def test_demo_reviews_seed_right_after_the_rubric_is_made(db):
    """A fresh `seed_demo --demo-users` scored reviews against a rubric whose
    criteria, in memory, had no primary keys yet ("Give Impact a score")."""
    from django.contrib.auth.models import Group

    from cohorts.enums import ApplicationStatus, ReviewStatus
    from cohorts.groups import REVIEWERS, ensure_groups
    from cohorts.models import Review
    from cohorts.seed_selection import ensure_reviews, ensure_rubric
    from tests.factories.cohorts import ApplicationFactory, create_cohort
    from tests.factories.home import VerifiedUserFactory

    cohort = create_cohort()
    ensure_rubric(cohort)
    applications = [
        ApplicationFactory(cohort=cohort, status=ApplicationStatus.SUBMITTED)
        for _ in range(4)
    ]
    ensure_groups()
    reviewer = VerifiedUserFactory()
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))

    ensure_reviews(applications, reviewer)

    assert Review.objects.filter(status=ReviewStatus.SUBMITTED).count() == 4
