from cohorts.models import CohortIndexPage, CohortPage


def test_seed_builds_an_open_and_a_closed_cohort_in_both_languages(client, seeded):
    assert CohortIndexPage.objects.filter(live=True).count() == 2
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
