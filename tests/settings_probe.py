"""Settings modules evaluated afresh, each with its own environment, in one child process.

A server reads its environment once, when its settings module is imported; the
production settings refuse to start (ImproperlyConfigured) from that import.
Starting a Python process and Django for every environment a test tries costs
about two seconds each, so one child process (`python -m tests.settings_probe`)
answers many requests: for each it replaces `os.environ` entirely, forgets every
`coe_site.settings` module it imported before and builds `django.conf.Settings`
from the named module, as `django.setup()` does (global defaults, Django's own
checks). Nothing is shared between two requests but the imported libraries,
which read no environment when imported.

Protocol: one JSON object a line on stdin, {"module", "env", "names"}; one JSON
object a line on stdout, {"error": "Type: message" or null, "values": {...}}.
"""

import importlib
import json
import os
import subprocess
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "coe_site.settings"


def _forget_settings_modules() -> None:
    for name in [m for m in sys.modules if m.startswith(PACKAGE + ".")]:
        del sys.modules[name]


def evaluate(module: str, env: dict, names: list[str]) -> dict:
    from django.conf import Settings

    os.environ.clear()
    os.environ.update(env)
    _forget_settings_modules()
    importlib.invalidate_caches()
    try:
        settings = Settings(module)
    except Exception as error:  # noqa: BLE001 -- reported to the test, which asserts on it
        return {
            "error": f"{type(error).__name__}: {error}",
            "traceback": traceback.format_exc(),
            "values": {},
        }
    return {"error": None, "values": {name: getattr(settings, name) for name in names}}


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        answer = evaluate(request["module"], request["env"], request["names"])
        sys.stdout.write(json.dumps(answer, default=str) + "\n")
        sys.stdout.flush()


class SettingsProbe:
    """The test side: one child process, asked once per environment."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.settings_probe"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def load(self, module: str, env: dict, names: list[str]) -> dict:
        request = {"module": module, "env": env, "names": names}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the settings probe exited")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


if __name__ == "__main__":
    main()
