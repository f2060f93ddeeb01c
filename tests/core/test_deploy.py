"""`manage.py check --deploy` under production settings, as `make run` starts.

Run in a subprocess, so the settings are read from the environment exactly as
a server reads them.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

TLS_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]


def production_env(tmp_path, https):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "AWS_", "RATELIMIT_", "PAGE_CACHE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="knowledge_portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DATA_DIR=str(tmp_path),
        DJANGO_HTTPS="1" if https else "0",
    )
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def silenced_checks(env):
    result = manage(
        env,
        "shell",
        "-c",
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.SILENCED_SYSTEM_CHECKS))",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("https", [True, False], ids=["behind-tls", "plain-http-lan"])
def test_deploy_checks_pass(tmp_path, https):
    env = production_env(tmp_path, https)
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
    assert "WARNING" not in output


def test_only_the_tls_checks_are_silenced_and_only_without_tls(tmp_path):
    with_tls = silenced_checks(production_env(tmp_path, https=True))
    without_tls = silenced_checks(production_env(tmp_path, https=False))
    assert [check for check in with_tls if check.startswith("security.")] == []
    assert [check for check in without_tls if check.startswith("security.")] == (
        TLS_CHECKS
    )
    assert set(without_tls) - set(with_tls) == set(TLS_CHECKS)


def test_tls_settings_when_behind_tls(tmp_path):
    result = manage(
        production_env(tmp_path, https=True),
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)",
    )
    assert result.returncode == 0, result.stderr
    values = result.stdout.strip().splitlines()[-1].split()
    assert values == ["True", "True", "True", "31536000", "True", "True"]
