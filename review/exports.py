"""A programme's submissions as a spreadsheet: staff's export of a round."""

from home.exports import neutralise

from .questions import readable_answers
from .services import score_columns
from .setup import ReviewSetup


def allocated_hours(submission) -> int | None:
    """GPU-hours allocated to a submission (its selection), if any."""
    selection = getattr(submission, "selection", None)
    return selection.gpu_hours_allocated if selection else None


def submissions_table(
    setup: ReviewSetup, programme, submissions, *, columns
) -> list[list]:
    """A header row, then one row per submission: the programme's `columns`
    ((heading, function of a submission) pairs), its review scores
    (score_columns), then its answers in the reader's language. Every cell a
    spreadsheet would run as a formula is neutralised (home.exports)."""
    submissions = list(submissions)
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
