"""The privacy notice applicants consent to; bump the version when its text changes."""

PRIVACY_NOTICE_VERSION = "2025-01"
PRIVACY_NOTICE_TEMPLATE = "cohorts/includes/privacy_notice.html"
