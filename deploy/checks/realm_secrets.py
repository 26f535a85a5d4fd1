"""realm-secrets: deploy/keycloak/configure-realm.sh refuses the realm file's local-development
client secrets for a public site (and keeps them for localhost, or when told to), before it talks
to Keycloak.
"""

import os
import shutil
import subprocess

from findings import info, problem
from repository import path

NAME = "realm-secrets"


def check():
    """A public deployment must not keep the secrets everyone can read in keycloak/blau-realm.json."""
    print("realm-secrets: configure-realm.sh refuses local-development client secrets outside a local site")
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "KEYCLOAK_URL": "http://keycloak:8080",
            "KEYCLOAK_REALM": "blau", "KC_BOOTSTRAP_ADMIN_USERNAME": "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD": "x",
            "KEYCLOAK_AUTH_APP_CLIENT_ID": "blau-auth-app", "KEYCLOAK_CHAT_APP_CLIENT_ID": "blau-chat-app",
            # the guard runs before any Keycloak call; past it, `true` stands in for kcadm and the
            # script stops at the first client lookup
            "KCADM": shutil.which("true") or "/bin/true"}
    dev = {"KEYCLOAK_AUTH_APP_CLIENT_SECRET": "blau-auth-app-local-dev-secret",
           "KEYCLOAK_CHAT_APP_CLIENT_SECRET": "blau-chat-app-local-dev-secret"}
    real = {"KEYCLOAK_AUTH_APP_CLIENT_SECRET": "s3cret-" + os.urandom(6).hex(),
            "KEYCLOAK_CHAT_APP_CLIENT_SECRET": "s3cret-" + os.urandom(6).hex()}
    cases = [("https://chat.example.com", dev, {}, True), ("https://localhost", dev, {}, False),
             ("http://127.0.0.1:8080", dev, {}, False), ("https://blau.localtest.me", dev, {}, True),
             ("https://blau.localtest.me", dev, {"BLAU_ALLOW_LOCAL_DEV_SECRETS": "true"}, False),
             ("https://chat.example.com", real, {}, False)]
    for url, secrets, extra, refused in cases:
        env = {**base, **secrets, **extra, "PUBLIC_URL": url}
        run = subprocess.run(["bash", path("deploy/keycloak/configure-realm.sh")], env=env,
                             capture_output=True, text=True, timeout=60)
        said = "refusing the local-development secret" in run.stderr
        what = f"{url} with {'local-dev' if secrets is dev else 'real'} secrets{' ' + str(extra) if extra else ''}"
        if said != refused or (refused and run.returncode == 0):
            problem(NAME, f"{what}: {'not refused' if refused else 'refused'} (exit {run.returncode}): "
                    f"{run.stderr.strip()[-200:]}")
        else:
            info(f"{what}: {'refused' if refused else 'let through'}")
