from tests.events.conftest import home  # noqa: F401 -- a bare home page, shared fixture
