"""The secret-files check of check_deployment.py: secrets travel as files, never as environment.

    python3 deploy/checks/check_deployment.py secret-files

- compose (every file combination, profile monitoring on): no service passes a secret in its
  environment — neither a variable of SECRET_VARIABLES nor any variable whose name says it is a
  password, secret or key, nor a URI with a password in it; every *_FILE variable points at a
  secret the service mounts; every secret a service names is declared at the top level with a
  file in the secrets folder, and deploy/secrets/generate-secrets.sh makes every declared one;
  .env.example sets no secret;
- the Liberty servers' secret files are named after variables their configuration reads (a
  misspelt postgres.pasword would leave the default in force);
- Kubernetes (every kustomization): no container takes a secret from the environment (no
  secretKeyRef, no envFrom of a Secret, no literal value); every *_FILE variable points into a
  mounted Secret volume that carries that file; every Secret volume's keys exist in the Secret
  when the overlay generates it;
- the one-shot scripts read their secrets from *_FILE: configure-kafka.sh sets the passwords of
  its files, configure-realm.sh refuses the local-development secrets it finds in its files.
"""

import os
import re
import shutil
import subprocess
import tempfile

from compose_project import ENV_EXAMPLE, compose_configs
from container_images import build_key, excluded_from_build_context
from findings import info, problem
from kustomize import kustomization_dirs, pod_containers, pod_spec, rendered
from liberty import LIBERTY_VARIABLE_DIRS, code_config_reads, liberty_config, liberty_images
from repository import ROOT, path, read_env_file

NAME = "secret-files"
GENERATOR = "deploy/secrets/generate-secrets.sh"

# Variables that carry a secret wherever they appear: they must come from a file (NAME_FILE, a
# Liberty variable file, a Docker secret), never as a value in a container's environment.
SECRET_VARIABLES = {
    "POSTGRES_PASSWORD", "KEYSTORE_PASSWORD",
    "KEYCLOAK_AUTH_APP_CLIENT_SECRET", "KEYCLOAK_CHAT_APP_CLIENT_SECRET",
    "KAFKA_AUTH_APP_PASSWORD", "KAFKA_CHAT_APP_PASSWORD",
    "MONGODB_URI", "REDIS_URL", "REDIS_PASSWORD",
    "MONGO_INITDB_ROOT_PASSWORD", "MONGO_ROOT_PASSWORD", "MONGO_APP_PASSWORD", "MONGO_REPLICA_SET_KEY",
    "KEYCLOAK_DB_PASSWORD", "KC_DB_PASSWORD", "KEYCLOAK_ADMIN_PASSWORD", "KC_BOOTSTRAP_ADMIN_PASSWORD",
    "GRAFANA_ADMIN_PASSWORD", "GF_SECURITY_ADMIN_PASSWORD",
}
# Any other variable named like a secret is one too (a new one fails until it comes from a file)
SECRET_NAME = re.compile(r"(PASSWORD|PASSWD|SECRET|_KEY|TOKEN|CREDENTIALS?)$")
CREDENTIALS_IN_URI = re.compile(r"^[a-z][a-z0-9+.-]*://[^/@\s]*:[^/@\s]+@", re.I)
DEFAULT_SECRET_DIR = "/run/secrets"


def check():
    print(f"{NAME}: secrets reach the containers as files (compose secrets, mounted Secrets), never as environment")
    declared_files = check_compose()
    check_generator(declared_files)
    check_env_example()
    check_k8s()
    check_scripts_read_files()


def is_secret_variable(name):
    if name.endswith("_FILE"):
        return False
    return name in SECRET_VARIABLES or bool(SECRET_NAME.search(name))


def environment(svc):
    env = svc.get("environment") or {}
    if isinstance(env, list):
        env = dict(e.split("=", 1) if "=" in e else (e, "") for e in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def secret_targets(svc):
    """{target path: secret name} of what a compose service mounts."""
    targets = {}
    for s in svc.get("secrets", []) or []:
        if isinstance(s, dict):
            source, target = s.get("source"), s.get("target") or s.get("source")
        else:
            source = target = str(s)
        if not target.startswith("/"):
            target = f"{DEFAULT_SECRET_DIR}/{target}"
        targets[target] = source
    return targets


def check_compose():
    declared_files = {}
    for label, conf in compose_configs(NAME):
        top = conf.get("secrets") or {}
        for name, spec in top.items():
            source = (spec or {}).get("file")
            if not source or (spec or {}).get("external") or (spec or {}).get("environment"):
                problem(NAME, f"{label}: secret {name} is not a file (file: in the secrets folder)")
                continue
            rel = os.path.relpath(source, ROOT) if os.path.isabs(source) else os.path.normpath(source)
            if os.path.basename(rel) != name:
                problem(NAME, f"{label}: secret {name} reads {rel}: name the file after the secret")
            declared_files[name] = rel
        mounted = 0
        for svc_name, svc in (conf.get("services") or {}).items():
            env = environment(svc)
            targets = secret_targets(svc)
            for var, value in env.items():
                if is_secret_variable(var):
                    problem(NAME, f"{label}: service {svc_name} passes {var} in its environment: give it as a file ({var}_FILE or a secret)")
                elif CREDENTIALS_IN_URI.match(value):
                    problem(NAME, f"{label}: service {svc_name}'s {var} is a URI with a password in it: make the whole URI a secret file")
                elif var.endswith("_FILE") and value not in targets:
                    problem(NAME, f"{label}: service {svc_name}'s {var} names {value}, which is none of its secrets ({sorted(targets) or 'none'})")
            for target, source in targets.items():
                mounted += 1
                if source not in top:
                    problem(NAME, f"{label}: service {svc_name} mounts secret {source}, which is not declared under secrets:")
            check_liberty_variable_files(label, svc_name, svc, targets)
        info(f"{label}: {len(top)} secrets declared as files, {mounted} mounts, no secret in any environment")
    return declared_files


_LIBERTY_VARIABLES = {}


def liberty_variables(dockerfile):
    """Names of the variables a Liberty image's configuration defines or reads."""
    if dockerfile not in _LIBERTY_VARIABLES:
        image = liberty_images().get(dockerfile)
        names = set()
        if image:
            variables, refs, _ = liberty_config(image["server_xml"])
            names = set(variables) | set(refs) | set(code_config_reads(image["module"]))
        _LIBERTY_VARIABLES[dockerfile] = names
    return _LIBERTY_VARIABLES[dockerfile]


def check_liberty_variable_files(label, svc_name, svc, targets):
    build = svc.get("build")
    dockerfile = build_key(build) if isinstance(build, dict) and build.get("dockerfile") else None
    for target in targets:
        if os.path.dirname(target) in LIBERTY_VARIABLE_DIRS:
            known = liberty_variables(dockerfile) if dockerfile else set()
            if os.path.basename(target) not in known:
                problem(NAME, f"{label}: service {svc_name} gets the variable file {os.path.basename(target)}, "
                                "which its Liberty configuration does not read")


def check_generator(declared_files):
    script = path(GENERATOR)
    if not os.path.exists(script):
        problem(NAME, f"{GENERATOR} is missing")
        return
    out = subprocess.run(["bash", script, "--list"], capture_output=True, text=True, timeout=30)
    made = set(out.stdout.split())
    if out.returncode != 0 or not made:
        problem(NAME, f"{GENERATOR} --list failed: {out.stderr.strip()[-200:]}")
        return
    missing = sorted(set(declared_files) - made)
    if missing:
        problem(NAME, f"{GENERATOR} does not make {', '.join(missing)}, which compose declares")
    unused = sorted(made - set(declared_files))
    if unused:
        problem(NAME, f"{GENERATOR} makes {', '.join(unused)}, which compose does not declare")
    if not missing and not unused:
        info(f"{GENERATOR} makes all {len(made)} declared secret files")
    ignored = subprocess.run(["git", "-C", ROOT, "check-ignore", "-q", "secrets/postgres_password"])
    if ignored.returncode != 0:
        problem(NAME, ".gitignore does not keep the secret files (secrets/*) out of Git")
    if not excluded_from_build_context("secrets/postgres_password"):
        problem(NAME, ".dockerignore does not keep the secret files out of the build context")


def check_env_example():
    example = read_env_file(path(ENV_EXAMPLE))
    found = sorted(k for k, v in example.items() if is_secret_variable(k) or CREDENTIALS_IN_URI.match(v))
    if found:
        problem(NAME, f"{ENV_EXAMPLE} sets secrets ({', '.join(found)}): .env keeps non-secret settings only")
    else:
        info(f"{ENV_EXAMPLE}: {len(example)} settings, none of them a secret")


def check_k8s():
    for k in kustomization_dirs():
        try:
            objects = rendered(k)
        except Exception as e:  # reported by the k8s check
            problem(NAME, f"{k}: does not render: {e}")
            continue
        secrets = {o["metadata"]["name"]: o for o in objects if o.get("kind") == "Secret"}
        containers = 0
        for o in objects:
            spec = pod_spec(o)
            if not spec:
                continue
            volumes = {v["name"]: v for v in spec.get("volumes", []) or []}
            for v in volumes.values():
                src = v.get("secret")
                if src and src.get("secretName") in secrets:
                    data = {**(secrets[src["secretName"]].get("data") or {}), **(secrets[src["secretName"]].get("stringData") or {})}
                    for item in src.get("items", []) or []:
                        if item["key"] not in data:
                            problem(NAME, f"{k}: {o['kind']}/{o['metadata']['name']} volume {v['name']} wants key {item['key']}, "
                                            f"which Secret {src['secretName']} lacks")
            for c in pod_containers(o, include_init=True):
                containers += 1
                who = f"{k}: {o['kind']}/{o['metadata']['name']} container {c['name']}"
                for ef in c.get("envFrom", []) or []:
                    if "secretRef" in ef:
                        problem(NAME, f"{who}: takes Secret {ef['secretRef']['name']} as environment: mount it as files")
                files = mounted_secret_files(c, volumes)
                for e in c.get("env", []) or []:
                    vf = e.get("valueFrom") or {}
                    if "secretKeyRef" in vf and is_secret_variable(e["name"]):
                        problem(NAME, f"{who}: {e['name']} from Secret {vf['secretKeyRef']['name']} as environment: mount it as a file")
                    elif "secretKeyRef" not in vf and is_secret_variable(e["name"]) and ("value" in e or vf):
                        problem(NAME, f"{who}: {e['name']} is set in its environment: give it as a file")
                    elif CREDENTIALS_IN_URI.match(str(e.get("value", ""))):
                        problem(NAME, f"{who}: {e['name']} is a URI with a password in it")
                    elif e["name"].endswith("_FILE") and e.get("value") not in files:
                        problem(NAME, f"{who}: {e['name']}={e.get('value')} is no file of a mounted Secret ({sorted(files) or 'none'})")
        info(f"{k}: {containers} containers, no secret in any environment")


def mounted_secret_files(c, volumes):
    """Paths of the files a container sees from its Secret volumes (items, or subPath mounts)."""
    files = set()
    for m in c.get("volumeMounts", []) or []:
        src = (volumes.get(m.get("name")) or {}).get("secret")
        if not src:
            continue
        mount = m["mountPath"].rstrip("/")
        if m.get("subPath"):
            files.add(mount)
        for item in src.get("items", []) or []:
            files.add(f"{mount}/{item['path']}")
    return files


def check_scripts_read_files():
    """The jobs that compose and Kubernetes now give files instead of values must read them."""
    search_path = os.environ.get("PATH", "/usr/bin:/bin")
    with tempfile.TemporaryDirectory() as tmp:
        def secret(name, value):
            f = os.path.join(tmp, name)
            open(f, "w").write(value)
            return f
        calls = os.path.join(tmp, "calls")
        for tool in ("kafka-broker-api-versions.sh", "kafka-topics.sh", "kafka-configs.sh", "kafka-acls.sh"):
            stub = os.path.join(tmp, tool)
            # kafka-configs gets the password in a file: record what the file holds
            open(stub, "w").write(f'#!/bin/sh\necho "{tool} $*" >> "{calls}"\n'
                                  f'for a in "$@"; do [ -f "$a" ] && cat "$a" >> "{calls}"; done\nexit 0\n')
            os.chmod(stub, 0o755)
        auth, chat = os.urandom(16).hex(), os.urandom(16).hex()
        env = {"PATH": search_path, "PUBLIC_URL": "https://chat.example.com", "KAFKA_BIN": tmp,
               "KAFKA_AUTH_APP_USERNAME": "blau-auth", "KAFKA_CHAT_APP_USERNAME": "blau-chat",
               "KAFKA_AUTH_APP_PASSWORD_FILE": secret("kafka_auth_app_password", auth),
               "KAFKA_CHAT_APP_PASSWORD_FILE": secret("kafka_chat_app_password", chat)}
        run = subprocess.run(["bash", path("deploy/kafka/configure-kafka.sh")], env=env,
                             capture_output=True, text=True, timeout=60)
        recorded = open(calls).read() if os.path.exists(calls) else ""
        if run.returncode != 0 or f"password={auth}" not in recorded or f"password={chat}" not in recorded:
            problem(NAME, f"configure-kafka.sh with *_PASSWORD_FILE: the passwords of the files were not set "
                            f"(exit {run.returncode}): {run.stderr.strip()[-200:]}")
        else:
            info("configure-kafka.sh sets the Kafka passwords read from KAFKA_*_APP_PASSWORD_FILE")
        env = {"PATH": search_path, "KEYCLOAK_URL": "http://keycloak:8080", "KEYCLOAK_REALM": "blau",
               "PUBLIC_URL": "https://chat.example.com", "KC_BOOTSTRAP_ADMIN_USERNAME": "admin",
               "KC_BOOTSTRAP_ADMIN_PASSWORD_FILE": secret("keycloak_admin_password", "x"),
               "KEYCLOAK_AUTH_APP_CLIENT_ID": "blau-auth-app", "KEYCLOAK_CHAT_APP_CLIENT_ID": "blau-chat-app",
               "KEYCLOAK_AUTH_APP_CLIENT_SECRET_FILE": secret("keycloak_auth_app_client_secret", "blau-auth-app-local-dev-secret"),
               "KEYCLOAK_CHAT_APP_CLIENT_SECRET_FILE": secret("keycloak_chat_app_client_secret", os.urandom(16).hex()),
               "KCADM": shutil.which("true") or "/bin/true"}
        run = subprocess.run(["bash", path("deploy/keycloak/configure-realm.sh")], env=env,
                             capture_output=True, text=True, timeout=60)
        if run.returncode == 0 or "refusing the local-development secret of blau-auth-app" not in run.stderr:
            problem(NAME, f"configure-realm.sh with *_FILE: did not read the client secret from its file "
                            f"(exit {run.returncode}): {run.stderr.strip()[-200:]}")
        else:
            info("configure-realm.sh reads the client secrets and admin password from *_FILE")
