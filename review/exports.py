"""A programme's submissions as a spreadsheet: staff's export of a round."""

from django.utils.translation import gettext as _

from home.exports import neutralise
from home.timefmt import format_datetime

from .questions import readable_answers
from .services import score_columns
from .setup import ReviewSetup


def allocated_hours(submission) -> int | None:
    """GPU-hours allocated to a submission (its selection), if any."""
    selection = getattr(submission, "selection", None)
    return selection.gpu_hours_allocated if selection else None


def submissions_table(
    setup: ReviewSetup, programme, *, columns, related=()
) -> list[list]:
    """A header row, then one row per submission of `programme` that is not a
    draft, oldest first: its id, the programme's own `columns` ((heading,
    function of a submission) pairs, `related` the relations they read), its
    status, dates and GPU-hours, its review scores (score_columns), then its
    answers in the reader's language. Every cell a spreadsheet would run as a
    formula is neutralised (home.exports)."""
    submissions = list(
        setup.submission.objects.filter(
            **{setup.programme_field: setup.canonical(programme)}
        )
        .exclude(status=setup.statuses.DRAFT)
        .select_related("selection", *related)
        .order_by("pk")
    )
    columns = [
        (_("Application"), lambda s: str(s.uuid)),
        *columns,
        (_("Status"), lambda s: s.get_status_display()),
        (_("Submitted (IST)"), lambda s: format_datetime(s.submitted_at, zone=False)),
        (_("GPU-hours requested"), lambda s: getattr(s, setup.requested_field)),
        (_("GPU-hours allocated"), allocated_hours),
    ]
    questions = setup.canonical(programme).localized.question_list
    score_header, scores = score_columns(setup, programme, submissions)
    rows = [
        [
            *[heading for heading, _value in columns],
            *score_header,
            *[question["label"] for question in questions],
        ]
    ]
    for submission in submissions:
        answers = {
            row["id"]: row["value"]
            for row in readable_answers(submission.answers, questions)
        }
        rows.append(
            [
                *[value(submission) for _heading, value in columns],
                *scores[submission.pk],
                *[answers.get(question["id"], "") for question in questions],
            ]
        )
    return [[neutralise(value) for value in row] for row in rows]
