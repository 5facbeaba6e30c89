"""Development: the embedded defaults, debug on, a fixed throwaway key."""

import os

from .base import *  # noqa: F403 -- settings modules extend the base by design
from .base import env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-change-me"  # noqa: S105 -- dev only
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # WebAuthn over http://localhost
