"""kafka-secrets: deploy/kafka/configure-kafka.sh refuses .env.example's local-development Kafka
passwords (and too short ones) outside a local site, like realm-secrets, and never puts a password
on a command line of the Kafka tools.
"""

import os
import subprocess
import tempfile

from findings import info, problem
from repository import path

NAME = "kafka-secrets"


def check():
    """The Kafka users' passwords of .env.example are public: a public site must not keep them."""
    print("kafka-secrets: configure-kafka.sh refuses local-development Kafka passwords outside a local site")
    dev = {"KAFKA_AUTH_APP_PASSWORD": "blau-auth-local-dev-kafka", "KAFKA_CHAT_APP_PASSWORD": "blau-chat-local-dev-kafka"}
    real = {"KAFKA_AUTH_APP_PASSWORD": os.urandom(16).hex(), "KAFKA_CHAT_APP_PASSWORD": os.urandom(16).hex()}
    cases = [("https://chat.example.com", dev, {}, True), ("https://localhost", dev, {}, False),
             ("https://blau.localtest.me", dev, {}, True),
             ("https://blau.localtest.me", dev, {"BLAU_ALLOW_LOCAL_DEV_SECRETS": "true"}, False),
             ("https://chat.example.com", real, {}, False),
             ("https://chat.example.com", {**real, "KAFKA_CHAT_APP_PASSWORD": "short"}, {}, True)]
    with tempfile.TemporaryDirectory() as tmp:
        # stand-ins for the image's Kafka tools: they record their arguments and succeed
        calls = os.path.join(tmp, "calls")
        for tool in ("kafka-broker-api-versions.sh", "kafka-topics.sh", "kafka-configs.sh", "kafka-acls.sh"):
            stub = os.path.join(tmp, tool)
            open(stub, "w").write(f'#!/bin/sh\necho "{tool} $*" >> "{calls}"\n')
            os.chmod(stub, 0o755)
        for url, secrets, extra, refused in cases:
            if os.path.exists(calls):
                os.remove(calls)
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PUBLIC_URL": url, "KAFKA_BIN": tmp,
                   "KAFKA_AUTH_APP_USERNAME": "blau-auth", "KAFKA_CHAT_APP_USERNAME": "blau-chat", **secrets, **extra}
            run = subprocess.run(["bash", path("deploy/kafka/configure-kafka.sh")], env=env,
                                 capture_output=True, text=True, timeout=60)
            argv = open(calls).read() if os.path.exists(calls) else ""
            kind = "local-dev" if secrets is dev else "real" if secrets is real else "too short"
            what = f"{url} with {kind} passwords{' ' + str(extra) if extra else ''}"
            if refused != (run.returncode != 0) or (refused and argv):
                problem(NAME, f"{what}: {'not refused' if refused else 'refused'} (exit {run.returncode}): "
                        f"{run.stderr.strip()[-200:]}")
            elif any(pw in argv for pw in secrets.values()):
                problem(NAME, f"{what}: a password is on a Kafka tool's command line")
            elif not refused and not all(f"--entity-name {u}" in argv for u in ("blau-auth", "blau-chat")):
                problem(NAME, f"{what}: the users' passwords were not set: {argv[-300:]}")
            else:
                info(f"{what}: {'refused' if refused else 'let through, passwords set from a file'}")
