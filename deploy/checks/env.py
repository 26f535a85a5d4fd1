"""env: the environment variables the Liberty servers read (derived from their server.xml, the shared
files it includes and the configuration names the code reads) are all set for every compose service
and every Kubernetes container running that image, or, for secrets, given as files in Liberty's
variable directory (/config/variables). A variable with a defaultValue that a server reads must be
set by every deployment unless ALLOWED_DEFAULTS (below) says why its default is right everywhere.
"""

import os
import re
import xml.etree.ElementTree as ET

from compose_project import compose_configs
from container_images import build_key
from findings import info, problem
from kustomize import overlay_dirs, pod_containers, pod_spec, rendered, split_image
from liberty import LIBERTY_BUILTINS, LIBERTY_VARIABLE_DIRS, code_config_reads, env_name, liberty_config, liberty_images

NAME = "env"

# Liberty variables with a default that deployments may leave alone, and why. Every other
# variable with a defaultValue that a server reads must be set by every deployment.
ALLOWED_DEFAULTS = {
    "http.host": "'*' (every interface) is right in a container",
    "app.update.trigger": "mbean (no polling of the application files) is right in a container: its application never changes while it runs",
    "executor.core.threads": "a floor for the pool the Kafka consumer loops hold threads of, whatever the cores (tunable)",
    "executor.max.threads": "a cap that turns overload into queued work instead of threads, whatever the cores (tunable)",
    "chat.rate-limit.messages": "a product rule, the same in every environment (tunable)",
    "chat.rate-limit.window-seconds": "a product rule, the same in every environment (tunable)",
    "chat.frames.per-second": "a product rule, the same in every environment (tunable)",
    "chat.frames.burst": "a product rule, the same in every environment (tunable)",
    "chat.sockets.per-user": "a product rule, the same in every environment (tunable)",
    "chat.sockets.send-timeout-seconds": "a product rule, the same in every environment (tunable)",
    "chat.rooms.per-hour": "a product rule, the same in every environment (tunable)",
    "chat.backchannel-logout.clients": "the realm's client ids, the same in every environment shipped with this realm",
}


def required_env(image):
    variables, refs, files = liberty_config(image["server_xml"])
    code = code_config_reads(image["module"])
    used = set(refs) | {n for n in variables if n.startswith("mp.messaging.")}
    used |= set(code)
    # close over references inside variable values
    changed = True
    while changed:
        changed = False
        for n in list(used):
            if n in variables:
                for m in re.finditer(r"\$\{([^}]+)\}", variables[n][1]):
                    if m.group(1) not in used:
                        used.add(m.group(1))
                        changed = True
    required = {}
    for n in sorted(used):
        if n.startswith("env."):
            required[n[4:]] = f"${{{n}}}"
        elif n in LIBERTY_BUILTINS:
            continue
        elif n in variables:
            kind, _ = variables[n]
            if kind == "default" and n not in ALLOWED_DEFAULTS:
                required[env_name(n)] = f"variable {n}"
        elif n in code and code[n]:
            continue  # the code has its own default
        else:
            required[env_name(n)] = f"{n} (no default anywhere)"
    return required, files


def check():
    print("env: every variable the Liberty servers read is set in compose and Kubernetes")
    images = liberty_images()
    if not images:
        problem(NAME, "no Dockerfile copies a Liberty server.xml")
        return
    for rel, image in images.items():
        try:
            required, files = required_env(image)
        except (ValueError, ET.ParseError) as e:
            problem(NAME, f"{rel}: {e}")
            continue
        image["required"] = required
        info(f"{rel}: {len(required)} variables from {', '.join(files)} and {image['module']}'s code: {', '.join(sorted(required))}")
    check_env_compose(images)
    check_env_k8s(images)


def check_env_compose(images):
    for label, conf in compose_configs(NAME):
        for name, svc in conf.get("services", {}).items():
            build = svc.get("build")
            dockerfile = build_key(build) if isinstance(build, dict) and build.get("dockerfile") else None
            image = images.get(dockerfile)
            if image is None or "required" not in image:
                continue
            env = svc.get("environment") or {}
            if isinstance(env, list):
                env = dict(e.split("=", 1) if "=" in e else (e, "") for e in env)
            given = set(env) | set(image["dockerfile"]["env"]) | compose_variable_files(svc)
            missing = sorted(set(image["required"]) - given)
            for m in missing:
                problem(NAME, f"{label}: service {name} ({dockerfile}) does not set {m} ({image['required'][m]})")
            if not missing:
                info(f"{label}: service {name} sets all {len(image['required'])}")


def compose_variable_files(svc):
    """The Liberty variables a compose service gets as secret files in the variable directory,
    as the environment variable names they stand in for (postgres.password -> POSTGRES_PASSWORD)."""
    names = set()
    for secret in svc.get("secrets", []) or []:
        target = secret.get("target") if isinstance(secret, dict) else None
        if target and os.path.dirname(target) in LIBERTY_VARIABLE_DIRS:
            names.add(env_name(os.path.basename(target)))
    return names


def k8s_variable_files(o, c):
    """The same for a Kubernetes container: Secret (or ConfigMap) volume items mounted in the
    variable directory, or single files mounted there with subPath."""
    volumes = {v["name"]: v for v in pod_spec(o).get("volumes", []) or []}
    names = set()
    for m in c.get("volumeMounts", []) or []:
        mount = m.get("mountPath", "").rstrip("/")
        volume = volumes.get(m.get("name"), {})
        source = volume.get("secret") or volume.get("configMap") or {}
        if mount in LIBERTY_VARIABLE_DIRS:
            names |= {env_name(item["path"]) for item in source.get("items", []) or []}
        elif os.path.dirname(mount) in LIBERTY_VARIABLE_DIRS and m.get("subPath"):
            names.add(env_name(os.path.basename(mount)))
    return names


def check_env_k8s(images):
    by_name = {image["module"]: image for image in images.values()}
    for d in overlay_dirs():
        try:
            objects = rendered(d)
        except Exception as e:
            problem(NAME, f"{d}: does not render: {e}")
            continue
        cms = {o["metadata"]["name"]: o for o in objects if o["kind"] == "ConfigMap"}
        secrets = {o["metadata"]["name"]: o for o in objects if o["kind"] == "Secret"}
        seen = set()
        for o in objects:
            for c in pod_containers(o):
                name, _ = split_image(c.get("image", ""))
                image = by_name.get(name.rsplit("/", 1)[-1])
                if image is None or "required" not in image:
                    continue
                seen.add(name.rsplit("/", 1)[-1])
                given = set(image["dockerfile"]["env"]) | k8s_variable_files(o, c)
                for e in c.get("env", []) or []:
                    given.add(e["name"])
                for ef in c.get("envFrom", []) or []:
                    prefix = ef.get("prefix", "")
                    if "configMapRef" in ef and ef["configMapRef"]["name"] in cms:
                        given |= {prefix + k for k in (cms[ef["configMapRef"]["name"]].get("data") or {})}
                    if "secretRef" in ef and ef["secretRef"]["name"] in secrets:
                        given |= {prefix + k for k in (secrets[ef["secretRef"]["name"]].get("data") or {})}
                missing = sorted(set(image["required"]) - given)
                for m in missing:
                    problem(NAME, f"{d}: {o['kind']}/{o['metadata']['name']} container {c['name']} does not set {m} ({image['required'][m]})")
                if not missing:
                    info(f"{d}: {o['kind']}/{o['metadata']['name']} sets all {len(image['required'])}")
        for n in by_name:
            if n not in seen:
                problem(NAME, f"{d}: no container runs the {n} image")
