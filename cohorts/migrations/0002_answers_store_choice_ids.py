"""Choice answers store the choice's stable id instead of its label.

Answers were stored as the label the applicant saw, in their language, so a
Hindi answer read as unselected in English. Each label (in any translation of
the cohort page) is mapped to the id of the choice at the same position in the
cohort's question; the label is kept as a snapshot in `choice_labels`.
Choices without stored ids (never saved since ids came in) are left as they are.
"""

from django.db import migrations

CHOICE_TYPES = {"single_choice", "multiple_choice"}


def choice_items(raw_questions):
    """{question id: [(choice id or None, label), ...]} from raw stream data."""
    found = {}
    for block in raw_questions or []:
        if block.get("type") not in CHOICE_TYPES:
            continue
        items = []
        for item in (block.get("value") or {}).get("choices") or []:
            if isinstance(item, dict) and "value" in item:
                items.append((item.get("id"), item["value"]))
            else:
                items.append((None, item))
        found[block.get("id")] = items
    return found


def answers_by_value(answers, canonical, translations):
    """`answers` with choice labels replaced by ids; unchanged when none match."""
    changed = False
    result = dict(answers or {})
    for question_id, answer in result.items():
        if not isinstance(answer, dict) or answer.get("type") not in CHOICE_TYPES:
            continue
        items = canonical.get(question_id) or []
        ids = [item_id for item_id, _label in items]
        if not items or None in ids:
            continue
        label_to_id = {}
        for version in [canonical, *translations]:
            for index, (_item_id, label) in enumerate(version.get(question_id) or []):
                if index < len(ids):
                    label_to_id.setdefault(label, ids[index])
        value = answer.get("value")
        chosen = value if isinstance(value, list) else [value]
        if value in (None, "", []) or all(item in ids for item in chosen):
            continue
        new_ids = [label_to_id.get(item, item) for item in chosen]
        answer = dict(answer)
        answer["value"] = new_ids if isinstance(value, list) else new_ids[0]
        answer["choice_labels"] = dict(zip(new_ids, chosen, strict=True))
        result[question_id] = answer
        changed = True
    return result if changed else None


def forwards(apps, schema_editor):
    Application = apps.get_model("cohorts", "Application")
    CohortPage = apps.get_model("cohorts", "CohortPage")
    cache = {}
    for application in Application.objects.exclude(answers={}).iterator():
        cohort_id = application.cohort_id
        if cohort_id not in cache:
            cohort = CohortPage.objects.get(pk=cohort_id)
            others = CohortPage.objects.filter(
                translation_key=cohort.translation_key
            ).exclude(pk=cohort_id)
            cache[cohort_id] = (
                choice_items(cohort.questions.raw_data),
                [choice_items(page.questions.raw_data) for page in others],
            )
        canonical, translations = cache[cohort_id]
        answers = answers_by_value(application.answers, canonical, translations)
        if answers is not None:
            Application.objects.filter(pk=application.pk).update(answers=answers)


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
