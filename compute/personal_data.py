"""The compute app's part of the user's data rights (see coe_site.personal_data):
their applications (with answers and usage reports) and organisation profiles.
The download shows each row; deleting the account removes each, applications
first (an organisation is kept while an application names it)."""

from .models import ComputeApplication, Organisation


def application_rows(user):
    return (
        ComputeApplication.objects.filter(applicant=user)
        .select_related("call", "organisation")
        .prefetch_related("usage_reports__outputs")
    )


def organisation_rows(user):
    return Organisation.objects.filter(owner=user)


def _application_data(application):
    return {
        "call": application.call.title,
        "organisation": application.organisation.name
        if application.organisation
        else None,
        "status": application.status,
        "project_title": application.project_title,
        "summary": application.summary,
        "gpu_hours_requested": application.gpu_hours_requested,
        "state": application.state,
        "sector": application.sector,
        "languages": application.languages,
        "answers": application.answers,
        "listed_publicly": application.listed_publicly,
        "public_summary": application.public_summary,
        "submitted_at": application.submitted_at,
        "usage_reports": [
            {
                "due_on": report.due_on,
                "hours_used": report.hours_used,
                "summary": report.summary,
                "submitted_at": report.submitted_at,
                "outputs": [
                    {"kind": o.kind, "title": o.title, "url": o.url}
                    for o in report.outputs.all()
                ],
            }
            for report in application.usage_reports.all()
        ],
    }


def _organisation_data(organisation):
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "state": organisation.state,
        "city": organisation.city,
        "website": organisation.website,
        "registration_number": organisation.registration_number,
        "aishe_code": organisation.aishe_code,
    }


# key in the export -> (the user's rows, what the download shows of one row)
PERSONAL_DATA = {
    "compute_applications": (application_rows, _application_data),
    "compute_organisations": (organisation_rows, _organisation_data),
}
