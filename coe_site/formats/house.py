"""The house date and time formats, the same for every language (see __init__)."""

DATE_FORMAT = "j E Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j E Y, g:i A"
YEAR_MONTH_FORMAT = "E Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "j E Y"
SHORT_DATETIME_FORMAT = "j E Y, g:i A"
FIRST_DAY_OF_WEEK = 1  # Monday
