#!/usr/bin/env python3
"""Static checks of BLAU's deployment (no Docker engine, no cluster needed).

    python3 deploy/checks/check_deployment.py [compose|kong|k8s|dockerfiles|env|central-logs|secret-files ...]

Run from anywhere, after the Maven build (the Dockerfiles copy its outputs). Each check prints
what it verified and every problem it found; the exit code is 1 when any check found one.

- compose:     `docker-compose config -q` on the base file and on every combination with the
               overrides; every ${VAR} the files interpolate without a default is in .env.example.
- kong:        deploy/kong/kong.yml validates against Kong's declarative schema; every route has a
               service; every service (through its upstream's targets), every Redis the plugins
               use, every edge NGINX upstream and every Prometheus target names a compose service
               and a port that service listens on, and a Kubernetes Service with that port in
               every overlay; the plugin fields BLAU relies on are there.
- k8s:         every manifest under deploy/k8s parses; every kustomization renders (a built-in
               renderer for the features used here; also `kubectl kustomize` when kubectl is on
               the PATH); every Deployment/StatefulSet container has startup, liveness and
               readiness probes and cpu/memory requests and limits; every HPA, Service selector,
               ConfigMap/Secret key reference points at something that exists.
- dockerfiles: every COPY/ADD source of every Dockerfile exists in the build context (after
               .dockerignore), or is produced by an earlier stage of the same build.
- spa-headers: the SPA's NGINX configuration (deploy/spa), rendered as the image's entrypoint does,
               served by a real nginx (Debian's): every kind of answer (a screen, an asset, the
               runtime configuration, a missing asset) carries the full set of security headers.
- access-logs: no access log of the edge, Kong or the SPA's NGINX writes a query string (tickets,
               sign-in codes): their log formats use the path alone; the SPA's is also served by
               the spa-headers nginx and its log read back.
- realm-secrets: deploy/keycloak/configure-realm.sh refuses the realm file's local-development
               client secrets for a public site (and keeps them for localhost, or when told to),
               before it talks to Keycloak.
- kafka-secrets: deploy/kafka/configure-kafka.sh refuses .env.example's local-development Kafka
               passwords outside a local site (like realm-secrets), and never puts a password on a
               command line of the Kafka tools.
- central-logs: Loki and Alloy in the monitoring profile with pinned tags, their configuration
               files parse and fit together, stream labels stay few (never a request or user id),
               Grafana has the Loki data source and the "BLAU logs" dashboard, access logs name
               the request id (deploy/checks/central_logs.py).
- secret-files: no secret reaches a container as environment (compose or Kubernetes): each comes
               as a file (*_FILE, Liberty variable files, mounted Secrets), every secret file is
               declared, made by deploy/secrets/generate-secrets.sh and kept out of Git and the
               images; .env.example holds no secret (deploy/checks/secret_files.py).
- env:         the environment variables the Liberty servers read (derived from their server.xml,
               the shared files it includes and the configuration the code reads) are all set for
               every compose service and every Kubernetes container running that image — or, for
               secrets, given as files in Liberty's variable directory (/config/variables).
"""

import fnmatch
import glob
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import central_logs  # noqa: E402  (checks of their own, next to this file)
import secret_files  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COMPOSE_BASE = "docker-compose.yml"
COMPOSE_OVERRIDES = ["docker-compose.dev.yml", "docker-compose.prod.yml"]
ENV_EXAMPLE = ".env.example"
KONG_CONFIG = "deploy/kong/kong.yml"
KONG_SCHEMA = "deploy/schemas/kong-declarative.schema.json"
EDGE_CONFIGS = ["deploy/edge/blau.conf.template"]
SPA_TEMPLATES = {"deploy/spa/nginx.conf": "default.conf", "deploy/spa/security-headers.conf": "snippets/security-headers.conf"}
SPA_HEADERS = ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"]
PROMETHEUS_CONFIG = "deploy/prometheus/prometheus.yml"
K8S_DIR = "deploy/k8s"
SHARED_CONFIG_DIR = "liberty-config/src/main/resources"
# Liberty's variable source directory in the images (VARIABLE_SOURCE_DIRS' default,
# ${server.config.dir}/variables): each file in it is the server variable of its name. Secrets
# reach the servers there, as files (compose secrets, Kubernetes Secret volumes).
LIBERTY_VARIABLE_DIRS = ["/config/variables", "/opt/ol/wlp/usr/servers/defaultServer/variables"]

# Liberty variables with a default that deployments may leave alone, and why. Every other
# variable with a defaultValue that a server reads must be set by every deployment.
ALLOWED_DEFAULTS = {
    "http.host": "'*' (every interface) is right in a container",
    "app.update.trigger": "mbean (no polling of the application files) is right in a container: its application never changes while it runs",
    "chat.rate-limit.messages": "a product rule, the same in every environment (tunable)",
    "chat.rate-limit.window-seconds": "a product rule, the same in every environment (tunable)",
    "chat.frames.per-second": "a product rule, the same in every environment (tunable)",
    "chat.frames.burst": "a product rule, the same in every environment (tunable)",
    "chat.sockets.per-user": "a product rule, the same in every environment (tunable)",
    "chat.sockets.send-timeout-seconds": "a product rule, the same in every environment (tunable)",
    "chat.rooms.per-hour": "a product rule, the same in every environment (tunable)",
    "chat.backchannel-logout.clients": "the realm's client ids, the same in every environment shipped with this realm",
}

# Variables Liberty defines itself
LIBERTY_BUILTINS = {
    "wlp.install.dir", "wlp.user.dir", "wlp.server.name", "wlp.output.dir", "server.config.dir",
    "server.output.dir", "shared.app.dir", "shared.config.dir", "shared.resource.dir",
    "shared.stackgroup.dir", "usr.extension.dir", "wlp.process.type",
}

PROBLEMS = []


def problem(check, message):
    PROBLEMS.append((check, message))
    print(f"  FAIL {message}")


def info(message):
    print(f"  ok   {message}")


def path(rel):
    return os.path.join(ROOT, rel)


def load_yaml_all(rel):
    with open(path(rel)) as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


# --------------------------------------------------------------------------- compose

_COMPOSE_CACHE = {}


def compose_combinations():
    combos = [[COMPOSE_BASE]]
    for override in COMPOSE_OVERRIDES:
        combos.append([COMPOSE_BASE, override])
    return combos


def compose_configs(check):
    """(label, resolved configuration) of each compose combination; one that cannot be read is a problem of `check`."""
    for files in compose_combinations():
        label = " + ".join(files)
        conf, err = compose_config(files)
        if conf is None:
            problem(check, f"{label}: cannot read the compose configuration: {err}")
            continue
        yield label, conf


def compose_cmd():
    exe = shutil.which("docker-compose")
    if exe:
        return [exe]
    # a docker CLI without the compose plugin is no compose: fall through to "not installed"
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"],
                                                 capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return None


def compose_config(files):
    """The merged, interpolated configuration (with .env.example), as docker-compose sees it."""
    key = tuple(files)
    if key not in _COMPOSE_CACHE:
        cmd = compose_cmd()
        if cmd is None:
            raise RuntimeError("docker-compose is not installed (apt-get install docker-compose)")
        args = cmd + ["--project-directory", ROOT, "--env-file", path(ENV_EXAMPLE)]
        for f in files:
            args += ["-f", path(f)]
        out = subprocess.run(args + ["config"], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "COMPOSE_PROFILES": "monitoring"})
        _COMPOSE_CACHE[key] = out
    out = _COMPOSE_CACHE[key]
    if out.returncode != 0:
        return None, out.stderr.strip()
    return yaml.safe_load(out.stdout), None


def check_compose():
    print("compose: docker-compose config -q on each file combination, .env.example complete")
    cmd = compose_cmd()
    if cmd is None:
        problem("compose", "docker-compose is not installed (apt-get install docker-compose)")
        return
    for files in compose_combinations():
        label = " + ".join(files)
        args = cmd + ["--project-directory", ROOT, "--env-file", path(ENV_EXAMPLE)]
        for f in files:
            args += ["-f", path(f)]
        out = subprocess.run(args + ["config", "-q"], capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            problem("compose", f"{label}: docker-compose config -q failed: {out.stderr.strip()}")
        else:
            info(f"{label}: valid")
    # every variable interpolated without a default must be in .env.example, so a copy of it works
    example = read_env_file(path(ENV_EXAMPLE))
    reported = set()
    for f in [COMPOSE_BASE] + COMPOSE_OVERRIDES:
        text = open(path(f)).read()
        for m in re.finditer(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?][^}]*)?\}", text):
            name, modifier = m.group(1), m.group(2) or ""
            if modifier.startswith((":-", "-")):
                continue
            if name not in example and (f, name) not in reported:
                reported.add((f, name))
                problem("compose", f"{f} interpolates ${{{name}}} without a default and .env.example does not set it")
    info(f".env.example sets every variable the compose files require ({len(example)} variables)")


def read_env_file(file):
    values = {}
    if not os.path.exists(file):
        return values
    for line in open(file):
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        k, v = line.split("=", 1)
        values[k.strip()] = v.strip()
    return values


def compose_listen_ports(service, dockerfiles_by_path):
    """Ports a compose service listens on: its `expose`, plus its image's EXPOSE when built here."""
    ports = set()
    for p in service.get("expose", []) or []:
        ports.add(int(str(p).split("/")[0]))
    build = service.get("build")
    if isinstance(build, dict) and build.get("dockerfile"):
        df = dockerfiles_by_path.get(os.path.normpath(build["dockerfile"]))
        if df:
            ports |= df["exposed"]
    return ports


# --------------------------------------------------------------------------- Dockerfiles

def parse_dockerfile(rel):
    text = open(path(rel)).read()
    text = re.sub(r"\\\n", " ", text)
    stages = []
    args = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 1)
        instr, rest = parts[0].upper(), parts[1] if len(parts) > 1 else ""
        if instr == "ARG" and not stages:
            k, _, v = rest.partition("=")
            args[k.strip()] = v.strip()
            continue
        if instr == "FROM":
            tokens = rest.split()
            image = re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), tokens[0])
            name = tokens[2] if len(tokens) >= 3 and tokens[1].upper() == "AS" else None
            stages.append({"name": name, "image": image, "copies": [], "workdir": "/", "runs": [],
                           "env": {}, "exposed": set(), "dests": []})
            continue
        if not stages:
            continue
        stage = stages[-1]
        if instr == "WORKDIR":
            stage["workdir"] = os.path.join(stage["workdir"], rest.strip())
        elif instr == "RUN":
            stage["runs"].append(rest)
        elif instr == "ENV":
            for k, v in re.findall(r'(\w+)=("[^"]*"|\S+)', rest):
                stage["env"][k] = v.strip('"')
        elif instr == "EXPOSE":
            for p in rest.split():
                stage["exposed"].add(int(p.split("/")[0]))
        elif instr in ("COPY", "ADD"):
            if rest.startswith("["):
                items = json.loads(rest)
                flags = []
            else:
                tokens = rest.split()
                flags = [t for t in tokens if t.startswith("--")]
                items = [t for t in tokens if not t.startswith("--")]
            frm = next((f.split("=", 1)[1] for f in flags if f.startswith("--from=")), None)
            srcs, dest = items[:-1], items[-1]
            stage["copies"].append({"instr": instr, "from": frm, "srcs": srcs, "dest": dest})
            stage["dests"].append(dest if dest.startswith("/") else os.path.join(stage["workdir"], dest))
    final = stages[-1] if stages else None
    env = {}
    exposed = set()
    # ENV and EXPOSE of the final stage (and of earlier stages it is built FROM)
    names = {s["name"]: s for s in stages if s["name"]}
    chain, s = [], final
    while s is not None:
        chain.append(s)
        s = names.get(s["image"])
    for s in reversed(chain):
        env.update(s["env"])
        exposed |= s["exposed"]
    return {"path": rel, "stages": stages, "env": env, "exposed": exposed}


def all_dockerfiles():
    found = []
    for pattern in ["*/Dockerfile", "deploy/**/Dockerfile", "Dockerfile"]:
        for f in glob.glob(path(pattern), recursive=True):
            rel = os.path.relpath(f, ROOT)
            if "/target/" in f or "node_modules" in f or rel.startswith(".blau"):
                continue
            found.append(rel)
    return sorted(set(found))


def dockerignore_patterns():
    file = path(".dockerignore")
    if not os.path.exists(file):
        return []
    patterns = []
    for line in open(file):
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(line)
    return patterns


def _pattern_regex(pattern):
    out, i = "", 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
            if i < len(pattern) and pattern[i] == "/":
                i += 1
                out = out[:-2] + "(?:.*/)?"
            continue
        out += {"*": "[^/]*", "?": "[^/]"}.get(ch, re.escape(ch))
        i += 1
    return re.compile(out + r"\Z")


def ignored(rel, patterns):
    """Docker's rule: the last pattern that matches the path or one of its parent folders decides;
    a pattern starting with '!' takes the path back in."""
    parts = rel.split("/")
    candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    result = False
    for p in patterns:
        negate = p.startswith("!")
        regex = _pattern_regex(os.path.normpath(p[1:] if negate else p).lstrip("/"))
        if any(regex.match(c) for c in candidates):
            result = not negate
    return result


def check_dockerfiles():
    print("dockerfiles: every COPY/ADD source exists in the build context or an earlier stage")
    patterns = dockerignore_patterns()
    for rel in all_dockerfiles():
        df = parse_dockerfile(rel)
        stage_names = [s["name"] for s in df["stages"]]
        count = 0
        for i, stage in enumerate(df["stages"]):
            for copy in stage["copies"]:
                for src in copy["srcs"]:
                    count += 1
                    if copy["from"]:
                        check_copy_from_stage(rel, df, i, copy["from"], src)
                        continue
                    if re.match(r"^https?://", src):
                        continue
                    check_copy_from_context(rel, src, patterns)
        if not df["stages"]:
            problem("dockerfiles", f"{rel}: no FROM")
        info(f"{rel}: {count} sources ({', '.join(n or '-' for n in stage_names)})")


def check_copy_from_stage(rel, df, index, frm, src):
    earlier = {s["name"]: s for s in df["stages"][:index] if s["name"]}
    if frm.isdigit():
        n = int(frm)
        stage = df["stages"][n] if n < index else None
    elif frm in earlier:
        stage = earlier[frm]
    elif ":" in frm or "/" in frm:
        return  # an image: its files are the image's business
    else:
        problem("dockerfiles", f"{rel}: COPY --from={frm}: no earlier stage of that name")
        return
    if stage is None:
        problem("dockerfiles", f"{rel}: COPY --from={frm}: no such earlier stage")
        return
    target = os.path.normpath(src if src.startswith("/") else os.path.join(stage["workdir"], src))
    # produced there: under its WORKDIR by a RUN, copied into it, or a path its RUNs name
    under_workdir = stage["runs"] and stage["workdir"] != "/" and (target + "/").startswith(stage["workdir"].rstrip("/") + "/")
    copied = any((target + "/").startswith(os.path.normpath(d).rstrip("/") + "/") or os.path.normpath(d).startswith(target) for d in stage["dests"])
    named = any(target in r or target.rstrip("/") + "/" in r for r in stage["runs"])
    if not (under_workdir or copied or named):
        problem("dockerfiles", f"{rel}: COPY --from={frm} {src}: nothing in stage {frm} produces {target}")


def check_copy_from_context(rel, src, patterns):
    src_clean = src.rstrip("/") or "."
    matches = glob.glob(path(src_clean))
    if not matches:
        problem("dockerfiles", f"{rel}: COPY {src}: no such file in the build context (the repository root; run the Maven build first)")
        return
    for m in matches:
        mrel = os.path.relpath(m, ROOT)
        if os.path.isdir(m):
            files = [os.path.relpath(os.path.join(d, f), ROOT) for d, _, fs in os.walk(m) for f in fs]
            if files and all(ignored(f, patterns) for f in files):
                problem("dockerfiles", f"{rel}: COPY {src}: everything in it is excluded by .dockerignore")
        elif ignored(mrel, patterns):
            problem("dockerfiles", f"{rel}: COPY {src}: {mrel} is excluded by .dockerignore")


# --------------------------------------------------------------------------- kustomize

def load_kustomization(dir_rel):
    for name in ("kustomization.yaml", "kustomization.yml", "Kustomization"):
        f = os.path.join(dir_rel, name)
        if os.path.exists(path(f)):
            return f, load_yaml_all(f)[0]
    return None, None


def render_kustomization(dir_rel):
    """Renders a kustomization: resources (files, folders), namespace, labels, images,
    config/secret generators (envs, literals, files; merge/replace), strategic-merge patches."""
    kfile, k = load_kustomization(dir_rel)
    if k is None:
        raise ValueError(f"{dir_rel}: no kustomization.yaml")
    known = {"apiVersion", "kind", "resources", "namespace", "labels", "commonLabels", "images",
             "configMapGenerator", "secretGenerator", "patches", "patchesStrategicMerge",
             "generatorOptions", "replicas"}
    unknown = set(k) - known
    if unknown:
        raise ValueError(f"{kfile}: fields the checks' renderer does not support: {sorted(unknown)}")
    objects = []
    for res in k.get("resources", []) or []:
        rpath = os.path.normpath(os.path.join(dir_rel, res))
        if os.path.isdir(path(rpath)):
            objects += render_kustomization(rpath)
        else:
            objects += load_yaml_all(rpath)
    for kind, key in (("ConfigMap", "configMapGenerator"), ("Secret", "secretGenerator")):
        for gen in k.get(key, []) or []:
            data = {}
            for envf in gen.get("envs", []) or []:
                data.update(read_env_file(path(os.path.join(dir_rel, envf))))
            for lit in gen.get("literals", []) or []:
                a, _, b = lit.partition("=")
                data[a] = b
            for f in gen.get("files", []) or []:
                kname, _, fpath = f.rpartition("=")
                fpath = fpath or f
                data[kname or os.path.basename(fpath)] = open(path(os.path.join(dir_rel, fpath))).read()
            behavior = gen.get("behavior", "create")
            existing = [o for o in objects if o.get("kind") == kind and o["metadata"]["name"] == gen["name"]]
            if behavior in ("merge", "replace"):
                if not existing:
                    raise ValueError(f"{kfile}: {key} {gen['name']} has behavior {behavior} but nothing to {behavior}")
                if behavior == "replace":
                    existing[0]["data"] = {}
                existing[0].setdefault("data", {}).update(data)
            else:
                if existing:
                    raise ValueError(f"{kfile}: {key} {gen['name']} already exists")
                objects.append({"apiVersion": "v1", "kind": kind, "metadata": {"name": gen["name"]}, "data": data})
    patches = list(k.get("patchesStrategicMerge", []) or [])
    for p in k.get("patches", []) or []:
        if "path" not in p and "patch" not in p:
            raise ValueError(f"{kfile}: a patch without path or patch")
        patches.append(p)
    for p in patches:
        docs = []
        if isinstance(p, str):
            docs = load_yaml_all(os.path.join(dir_rel, p))
        elif "path" in p:
            docs = load_yaml_all(os.path.join(dir_rel, p["path"]))
        else:
            docs = [d for d in yaml.safe_load_all(p["patch"]) if d]
        for d in docs:
            if isinstance(d, list):
                raise ValueError(f"{kfile}: JSON6902 patches are not supported by the checks' renderer")
            target = [o for o in objects if o.get("kind") == d.get("kind") and o["metadata"]["name"] == d["metadata"]["name"]]
            if not target:
                raise ValueError(f"{kfile}: patch for {d.get('kind')}/{d['metadata']['name']} matches nothing")
            strategic_merge(target[0], d)
    for img in k.get("images", []) or []:
        for o in objects:
            for c in pod_containers(o, include_init=True):
                name, tag = split_image(c.get("image", ""))
                if name == img["name"]:
                    c["image"] = img.get("newName", name) + ":" + str(img.get("newTag", tag or "latest"))
    for r in k.get("replicas", []) or []:
        for o in objects:
            if o["metadata"]["name"] == r["name"] and "replicas" in o.get("spec", {}):
                o["spec"]["replicas"] = r["count"]
    if k.get("namespace"):
        for o in objects:
            if o.get("kind") != "Namespace":
                o["metadata"]["namespace"] = k["namespace"]
    return objects


def strategic_merge(base, patch):
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            strategic_merge(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list) and value and \
                all(isinstance(v, dict) and "name" in v for v in value) and \
                all(isinstance(v, dict) and "name" in v for v in base[key]):
            for item in value:
                match = [b for b in base[key] if b["name"] == item["name"]]
                if match:
                    strategic_merge(match[0], item)
                else:
                    base[key].append(item)
        else:
            base[key] = value


def split_image(image):
    name, tag = image, None
    if ":" in image.rsplit("/", 1)[-1]:
        name, tag = image.rsplit(":", 1)
    return name, tag


def pod_spec(o):
    spec = o.get("spec", {}) or {}
    if o.get("kind") in ("Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"):
        return (spec.get("template", {}) or {}).get("spec", {}) or {}
    if o.get("kind") == "CronJob":
        return spec.get("jobTemplate", {}).get("spec", {}).get("template", {}).get("spec", {}) or {}
    if o.get("kind") == "Pod":
        return spec
    return {}


def pod_containers(o, include_init=False):
    ps = pod_spec(o)
    cs = list(ps.get("containers", []) or [])
    if include_init:
        cs += list(ps.get("initContainers", []) or [])
    return cs


def kustomization_dirs():
    dirs = []
    for f in glob.glob(path(K8S_DIR + "/**/kustomization.yaml"), recursive=True):
        dirs.append(os.path.relpath(os.path.dirname(f), ROOT))
    return sorted(dirs)


def overlay_dirs():
    return [d for d in kustomization_dirs() if "/overlays/" in d + "/"]


_RENDER_CACHE = {}


def rendered(dir_rel):
    if dir_rel not in _RENDER_CACHE:
        _RENDER_CACHE[dir_rel] = render_kustomization(dir_rel)
    return _RENDER_CACHE[dir_rel]


def check_k8s():
    print("k8s: manifests parse, kustomizations render, workloads have probes and resources, references resolve")
    files = sorted(glob.glob(path(K8S_DIR + "/**/*.yaml"), recursive=True) + glob.glob(path(K8S_DIR + "/**/*.yml"), recursive=True))
    for f in files:
        rel = os.path.relpath(f, ROOT)
        try:
            docs = load_yaml_all(rel)
        except yaml.YAMLError as e:
            problem("k8s", f"{rel}: does not parse: {e}")
            continue
        for d in docs:
            if not isinstance(d, dict) or "kind" not in d or ("apiVersion" not in d and os.path.basename(rel) != "kustomization.yaml"):
                problem("k8s", f"{rel}: a document without apiVersion/kind")
            elif d["kind"] != "Kustomization" and not (d.get("metadata") or {}).get("name"):
                problem("k8s", f"{rel}: a {d['kind']} without metadata.name")
    info(f"{len(files)} manifest files parse")
    kubectl = shutil.which("kubectl")
    for d in kustomization_dirs():
        try:
            objects = rendered(d)
        except (ValueError, OSError, KeyError, yaml.YAMLError) as e:
            problem("k8s", f"{d}: does not render: {e}")
            continue
        if kubectl:
            out = subprocess.run([kubectl, "kustomize", path(d)], capture_output=True, text=True)
            if out.returncode != 0:
                problem("k8s", f"{d}: kubectl kustomize failed: {out.stderr.strip()}")
            else:
                theirs = sorted((o["kind"], o["metadata"]["name"].rsplit("-", 1)[0] if o["kind"] in ("ConfigMap", "Secret") and o["metadata"]["name"].count("-") >= 2 else o["metadata"]["name"])
                                for o in yaml.safe_load_all(out.stdout) if o)
                ours = sorted((o["kind"], o["metadata"]["name"]) for o in objects)
                if [t[0] for t in theirs] != [o[0] for o in ours] and sorted(t[0] for t in theirs) != sorted(o[0] for o in ours):
                    problem("k8s", f"{d}: the checks' renderer and kubectl kustomize disagree on the kinds rendered")
        check_workloads(d, objects)
    if not kubectl:
        info("kubectl not on the PATH: rendered with the built-in renderer only")


def check_workloads(d, objects):
    by_kind = {}
    for o in objects:
        by_kind.setdefault(o["kind"], {})[o["metadata"]["name"]] = o
    workloads = [o for o in objects if o["kind"] in ("Deployment", "StatefulSet", "DaemonSet")]
    for o in workloads:
        who = f"{d}: {o['kind']}/{o['metadata']['name']}"
        labels = ((o["spec"].get("template") or {}).get("metadata") or {}).get("labels") or {}
        selector = (o["spec"].get("selector") or {}).get("matchLabels") or {}
        if any(labels.get(k) != v for k, v in selector.items()):
            problem("k8s", f"{who}: selector does not match the pod template's labels")
        for c in pod_containers(o):
            cwho = f"{who} container {c['name']}"
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                if not c.get(probe):
                    problem("k8s", f"{cwho}: no {probe}")
                else:
                    check_probe_port(cwho, probe, c)
            res = c.get("resources") or {}
            for part in ("requests", "limits"):
                for r in ("cpu", "memory"):
                    if not (res.get(part) or {}).get(r):
                        problem("k8s", f"{cwho}: no resources.{part}.{r}")
            check_refs(d, cwho, c, by_kind)
        check_secret_volumes(who, o, by_kind)
    for o in objects:
        if o["kind"] == "Job":
            for c in pod_containers(o):
                check_refs(d, f"{d}: Job/{o['metadata']['name']} container {c['name']}", c, by_kind)
        if o["kind"] == "HorizontalPodAutoscaler":
            ref = o["spec"]["scaleTargetRef"]
            if ref["name"] not in by_kind.get(ref["kind"], {}):
                problem("k8s", f"{d}: HPA {o['metadata']['name']} scales {ref['kind']}/{ref['name']}, which does not exist")
            if not o["spec"].get("minReplicas") or o["spec"]["minReplicas"] < 2:
                problem("k8s", f"{d}: HPA {o['metadata']['name']}: minReplicas below 2")
        if o["kind"] == "Service" and (o["spec"].get("type") != "ExternalName"):
            sel = o["spec"].get("selector") or {}
            pods = [w for w in workloads if all(((w["spec"]["template"].get("metadata") or {}).get("labels") or {}).get(k) == v for k, v in sel.items())]
            if not pods:
                problem("k8s", f"{d}: Service {o['metadata']['name']} selects no workload")
            for port in o["spec"].get("ports", []):
                tp = port.get("targetPort", port["port"])
                if pods and not any(container_has_port(c, tp) for w in pods for c in pod_containers(w)):
                    problem("k8s", f"{d}: Service {o['metadata']['name']} port {port['port']} targets {tp}, which no selected container exposes")
        if o["kind"] == "Ingress":
            for rule in o["spec"].get("rules", []):
                for p in rule.get("http", {}).get("paths", []):
                    svc = p["backend"]["service"]
                    s = by_kind.get("Service", {}).get(svc["name"])
                    if s is None:
                        if "/overlays/" in d + "/":
                            problem("k8s", f"{d}: Ingress path {p['path']} goes to Service {svc['name']}, which does not exist")
                    elif not any(sp["port"] == svc["port"].get("number") for sp in s["spec"].get("ports", [])):
                        problem("k8s", f"{d}: Ingress path {p['path']} goes to {svc['name']}:{svc['port']}, a port the Service lacks")
    info(f"{d}: {len(objects)} objects, {len(workloads)} workloads with probes and resources checked")


def container_has_port(c, port):
    for p in c.get("ports", []) or []:
        if port == p.get("containerPort") or port == p.get("name"):
            return True
    return False


def check_probe_port(cwho, probe, c):
    spec = c[probe]
    for kind in ("httpGet", "tcpSocket", "grpc"):
        if kind in spec:
            port = spec[kind].get("port")
            if port is not None and not container_has_port(c, port):
                problem("k8s", f"{cwho}: {probe} uses port {port}, which the container does not declare")
    if not any(k in spec for k in ("httpGet", "tcpSocket", "grpc", "exec")):
        problem("k8s", f"{cwho}: {probe} has no handler")


def check_secret_volumes(who, workload, by_kind):
    """A Secret volume's items name keys the Secret has, where the overlay makes it: a missing key keeps the pod from starting."""
    for v in ((workload["spec"].get("template") or {}).get("spec") or {}).get("volumes", []) or []:
        secret = v.get("secret")
        if not secret or secret.get("optional"):
            continue
        obj = by_kind.get("Secret", {}).get(secret.get("secretName"))
        if obj is None:
            continue  # made outside the overlay (prod: from the operator's secret store)
        data = {**(obj.get("data") or {}), **(obj.get("stringData") or {})}
        for item in secret.get("items", []) or []:
            if item["key"] not in data:
                problem("k8s", f"{who}: volume {v['name']} takes key {item['key']} of Secret {secret['secretName']}, which it lacks")


def check_refs(d, cwho, c, by_kind):
    for ef in c.get("envFrom", []) or []:
        for kind, key in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
            if key in ef and ef[key]["name"] not in by_kind.get(kind, {}) and "/overlays/" in d + "/" and kind == "ConfigMap":
                problem("k8s", f"{cwho}: envFrom {kind} {ef[key]['name']} does not exist")
    for e in c.get("env", []) or []:
        vf = e.get("valueFrom") or {}
        for kind, key in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")):
            if key in vf:
                ref = vf[key]
                obj = by_kind.get(kind, {}).get(ref["name"])
                if obj is None:
                    if kind == "ConfigMap" and "/overlays/" in d + "/":
                        problem("k8s", f"{cwho}: env {e['name']} refers to ConfigMap {ref['name']}, which does not exist")
                    continue
                data = {**(obj.get("data") or {}), **(obj.get("stringData") or {})}
                if ref["key"] not in data:
                    problem("k8s", f"{cwho}: env {e['name']} refers to key {ref['key']} of {kind} {ref['name']}, which it lacks")


# --------------------------------------------------------------------------- Kong and routing

KONG_PLUGIN_RULES = {
    # the plugin fields BLAU relies on (the schema does not check plugin configs)
    "rate-limiting": lambda c: [f for f, ok in [
        ("a limit (second/minute/hour/day)", any(c.get(k) for k in ("second", "minute", "hour", "day"))),
        ("policy: redis", c.get("policy") == "redis"),
        ("redis.host and redis.port", bool((c.get("redis") or {}).get("host") and (c.get("redis") or {}).get("port"))),
    ] if not ok],
    "cors": lambda c: [f for f, ok in [("origins", bool(c.get("origins")))] if not ok],
    "request-size-limiting": lambda c: [f for f, ok in [("allowed_payload_size", isinstance(c.get("allowed_payload_size"), int))] if not ok],
    "response-transformer": lambda c: [f for f, ok in [
        ("add.headers with X-Content-Type-Options, X-Frame-Options, Content-Security-Policy",
         all(any(h.lower().startswith(n.lower() + ":") for h in ((c.get("add") or {}).get("headers") or []))
             for n in ("X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy")))] if not ok],
}
REQUIRED_KONG_PLUGINS = ["rate-limiting", "cors", "request-size-limiting", "response-transformer"]


def kong_endpoints(conf):
    """(what, host, port) of every upstream the gateway talks to."""
    upstreams = {u["name"]: u for u in conf.get("upstreams", []) or []}
    endpoints = []
    for s in conf.get("services", []) or []:
        host, port = s.get("host"), s.get("port", 80)
        if s.get("url"):
            m = re.match(r"^\w+://([^:/]+)(?::(\d+))?", s["url"])
            host, port = m.group(1), int(m.group(2) or 80)
        if host in upstreams:
            for t in upstreams[host].get("targets", []) or []:
                th, _, tp = t["target"].partition(":")
                endpoints.append((f"service {s['name']} (upstream {host})", th, int(tp or port)))
        else:
            endpoints.append((f"service {s['name']}", host, int(port)))
    for p in all_kong_plugins(conf):
        redis = (p.get("config") or {}).get("redis") or {}
        if redis.get("host"):
            endpoints.append((f"plugin {p['name']} Redis", redis["host"], int(redis.get("port", 6379))))
    return endpoints


def all_kong_plugins(conf):
    plugins = list(conf.get("plugins", []) or [])
    for s in conf.get("services", []) or []:
        plugins += s.get("plugins", []) or []
        for r in s.get("routes", []) or []:
            plugins += r.get("plugins", []) or []
    for r in conf.get("routes", []) or []:
        plugins += r.get("plugins", []) or []
    return plugins


def check_kong():
    print("kong: schema, routes to compose services and Kubernetes Services on ports they listen on")
    import jsonschema
    conf = load_yaml_all(KONG_CONFIG)[0]
    schema = json.load(open(path(KONG_SCHEMA)))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(conf), key=lambda e: list(e.path))
    for e in errors:
        problem("kong", f"{KONG_CONFIG}: {'/'.join(str(p) for p in e.path) or '(top)'}: {e.message}")
    if not errors:
        info(f"{KONG_CONFIG} validates against Kong's declarative schema")
    if not str(conf.get("_format_version", "")).startswith("3."):
        problem("kong", f"{KONG_CONFIG}: _format_version must be 3.x (Kong 3)")

    services = {s["name"]: s for s in conf.get("services", []) or []}
    routes = []
    for s in services.values():
        for r in s.get("routes", []) or []:
            routes.append((r, s["name"]))
    for r in conf.get("routes", []) or []:
        svc = r.get("service")
        name = svc.get("name") if isinstance(svc, dict) else svc
        if name not in services:
            problem("kong", f"route {r.get('name')}: service {name} is not defined")
        routes.append((r, name))
    for r, svc in routes:
        if not r.get("paths") and not r.get("hosts") and not r.get("expression"):
            problem("kong", f"route {r.get('name')} of {svc}: matches nothing (no paths, hosts or expression)")
    for p in all_kong_plugins(conf):
        for scope in ("service", "route"):
            ref = p.get(scope)
            if ref and scope == "service" and ref not in services:
                problem("kong", f"plugin {p['name']}: service {ref} is not defined")
        rule = KONG_PLUGIN_RULES.get(p["name"])
        missing = rule(p.get("config") or {}) if rule else []
        for m in missing:
            problem("kong", f"plugin {p['name']} ({p.get('service') or 'global/route'}): config lacks {m}")
    present = {p["name"] for p in all_kong_plugins(conf)}
    for name in REQUIRED_KONG_PLUGINS:
        if name not in present:
            problem("kong", f"{KONG_CONFIG}: no {name} plugin")
    info(f"{len(routes)} routes, {len(all_kong_plugins(conf))} plugins checked")

    # the routes BLAU's API contract needs, each to the right application
    expected = {"/api/v1/auth": "auth-app", "/api/v1/users": "auth-app", "/api/v1/admin/users": "auth-app",
                "/api/v1/admin/audit": "auth-app",
                "/api/v1/chat": "chat-app", "/": "spa"}
    svc_host = {}
    upstreams = {u["name"]: u for u in conf.get("upstreams", []) or []}
    for s in services.values():
        h = s.get("host")
        if h in upstreams:
            h = upstreams[h]["targets"][0]["target"].split(":")[0]
        svc_host[s["name"]] = h
    for p, app in expected.items():
        owners = [svc_host.get(svc) for r, svc in routes if p in (r.get("paths") or [])]
        if app not in owners:
            problem("kong", f"no route for {p} to {app}")
    if not any(any("/api/v1/chat/ws" in x for x in (r.get("paths") or [])) for r, _ in routes):
        problem("kong", "no route for the WebSocket /api/v1/chat/ws")

    endpoints = kong_endpoints(conf)
    endpoints += [(f"edge {f}", h, p) for f in EDGE_CONFIGS for h, p in nginx_upstreams(f)]
    endpoints += [(f"prometheus job {j}", h, p) for j, h, p in prometheus_targets()]
    check_endpoints_compose(endpoints)
    check_endpoints_k8s([e for e in kong_endpoints(conf)])


def check_forwarded_for():
    """Kong rate-limits by client address: it must come from the proxy in front, never from the client."""
    print("forwarded-for: the edge replaces X-Forwarded-For, Kong trusts only the edge and reads one entry")
    kong_env = parse_dockerfile("deploy/kong/Dockerfile")["env"]
    if kong_env.get("KONG_REAL_IP_HEADER") != "X-Forwarded-For" or kong_env.get("KONG_REAL_IP_RECURSIVE") != "off":
        problem("forwarded-for", "deploy/kong/Dockerfile: KONG_REAL_IP_RECURSIVE must be off (the last entry is the "
                "one the trusted proxy wrote; recursive lookup lets a forged entry further left through)")
    for f in EDGE_CONFIGS:
        for line in open(path(f)):
            words = line.split()
            if words[:2] == ["proxy_set_header", "X-Forwarded-For"] and words[2] != "$remote_addr;":
                problem("forwarded-for", f"{f}: X-Forwarded-For must be set to $remote_addr, not {words[2]} "
                        "(appending keeps what the client sent)")
    conf, err = compose_config(["docker-compose.yml"])
    if conf is None:
        problem("forwarded-for", f"docker-compose.yml: {err}")
        return
    trusted = str(conf["services"]["kong"].get("environment", {}).get("KONG_TRUSTED_IPS", ""))
    edge_networks = conf["services"]["edge"].get("networks") or {}
    edge_address = (edge_networks.get("edge") or {}).get("ipv4_address") if isinstance(edge_networks, dict) else None
    if not edge_address:
        problem("forwarded-for", "docker-compose.yml: the edge needs a fixed ipv4_address on the edge network")
    elif trusted.split(",") != [edge_address]:
        problem("forwarded-for", f"docker-compose.yml: KONG_TRUSTED_IPS is {trusted!r}; trust only the edge ({edge_address})")
    else:
        info(f"Kong trusts X-Forwarded-For from the edge only ({edge_address})")


def render_nginx_template(text, env):
    """What the nginx image's 20-envsubst-on-templates.sh does: only variables defined in env."""
    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env.get(m.group(1), m.group(0)), text)


def check_spa_headers():
    """A location with its own add_header inherits none from the server block: ask a real nginx."""
    print("spa-headers: every answer of the SPA's NGINX carries the security headers")
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if not nginx:
        problem("spa-headers", "nginx is not installed (apt-get install nginx-light): the check needs a real one")
        return
    public_url = "https://chat.example.test"
    env = {"PUBLIC_URL": public_url, "KEYCLOAK_REALM": "blau"}
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # nginx started by root serves files as an unprivileged worker
        conf_d = os.path.join(tmp, "conf.d")
        html = os.path.join(tmp, "html")
        os.makedirs(os.path.join(conf_d, "snippets"))
        os.makedirs(os.path.join(html, "assets"))
        open(os.path.join(html, "index.html"), "w").write("<!doctype html><title>BLAU</title>")
        open(os.path.join(html, "assets", "index-abc123.js"), "w").write("console.log('blau')")
        access_log = os.path.join(tmp, "access.log")
        with socket.socket() as free:
            free.bind(("127.0.0.1", 0))
            port = free.getsockname()[1]
        for template, target in SPA_TEMPLATES.items():
            text = render_nginx_template(open(path(template)).read(), env)
            # the image's paths and port, moved into the scratch folder and a free port
            text = text.replace("/etc/nginx/conf.d/", conf_d + "/").replace("/usr/share/nginx/html", html)
            text = text.replace("access_log /dev/stdout", "access_log " + access_log)
            open(os.path.join(conf_d, target), "w").write(text.replace("listen 8080;", f"listen 127.0.0.1:{port};"))
        main_conf = os.path.join(tmp, "nginx.conf")
        open(main_conf, "w").write(f"""pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    include {conf_d}/*.conf;
}}
""")
        server = subprocess.Popen([nginx, "-p", tmp, "-c", main_conf, "-g", "daemon off;"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        problem("spa-headers", f"nginx did not start: {server.stdout.read() if server.poll() is not None else 'timeout'}")
                        return
                    time.sleep(0.1)
            for request_path, status in [("/", 200), ("/rooms/42", 200), ("/assets/index-abc123.js", 200),
                                         ("/assets/missing.js", 404), ("/config.json", 200)]:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", request_path)
                answer = connection.getresponse()
                answer.read()
                missing = [h for h in SPA_HEADERS if not answer.getheader(h)]
                csp = answer.getheader("Content-Security-Policy") or ""
                connect_src = next((d.split()[1:] for d in csp.split(";") if d.split()[:1] == ["connect-src"]), None)
                if answer.status != status:
                    problem("spa-headers", f"GET {request_path}: {answer.status}, expected {status}")
                elif missing:
                    problem("spa-headers", f"GET {request_path}: no {', '.join(missing)}")
                elif connect_src is None or any(src.endswith(":") for src in connect_src):
                    problem("spa-headers", f"GET {request_path}: connect-src {connect_src} allows a whole scheme (any host)")
                else:
                    info(f"GET {request_path}: {answer.status} with {', '.join(SPA_HEADERS)} (connect-src {' '.join(connect_src)})")
                connection.close()
            secret_code = "code-" + os.urandom(8).hex()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", f"/auth/callback?code={secret_code}&state=s")
            connection.getresponse().read()
            connection.close()
        finally:
            server.terminate()
            server.wait(10)
        logged = open(access_log).read() if os.path.exists(access_log) else ""
        if "/auth/callback" not in logged:
            problem("spa-headers", f"the SPA's access log ({access_log}) did not record the request: {logged[-300:]!r}")
        elif secret_code in logged:
            problem("spa-headers", "the SPA's access log holds the sign-in code of /auth/callback?code=…")
        else:
            info("the SPA's access log records /auth/callback without its query")


QUERY_VARIABLES = re.compile(r"\\?\$(request|request_uri|args|query_string)(?![A-Za-z0-9_])|\\?\$arg_")


def check_access_logs():
    """Tickets (?ticket=) and OIDC codes (?code=) are in query strings: no access log may write one."""
    print("access-logs: the edge, Kong and the SPA log paths without their query strings")
    for rel in ["deploy/edge/nginx.conf", "deploy/spa/nginx.conf"]:
        text = open(path(rel)).read()
        formats = dict(re.findall(r"^\s*log_format\s+(\S+)\s+(?:escape=\S+\s+)?(.*?);\s*$", text, re.M | re.S))
        uses = re.findall(r"^\s*access_log\s+(\S+)(?:\s+(\S+?))?;", text, re.M)
        for target, fmt in uses:
            if target == "off":
                continue
            if not fmt or fmt not in formats:
                problem("access-logs", f"{rel}: access_log {target} uses {fmt or 'the default (combined) format'}, "
                        "which writes the whole request line")
            elif QUERY_VARIABLES.search(formats[fmt]):
                problem("access-logs", f"{rel}: log_format {fmt} writes a query string")
            else:
                info(f"{rel}: access_log {target} {fmt} writes the path only")
        if not uses:
            problem("access-logs", f"{rel}: no access_log of its own (the image's default format logs the query)")
    env = parse_dockerfile("deploy/kong/Dockerfile")["env"]
    target_format = env.get("KONG_PROXY_ACCESS_LOG", "").split()
    log_format = env.get("KONG_NGINX_HTTP_LOG_FORMAT", "")
    if len(target_format) != 2 or not log_format.startswith(target_format[1] + " "):
        problem("access-logs", "deploy/kong/Dockerfile: KONG_PROXY_ACCESS_LOG must name a format of "
                "KONG_NGINX_HTTP_LOG_FORMAT (Kong's default writes the whole request line)")
    elif QUERY_VARIABLES.search(log_format):
        problem("access-logs", "deploy/kong/Dockerfile: Kong's access log format writes a query string")
    else:
        info(f"Kong's proxy access log ({target_format[1]}) writes the path only")


def check_realm_secrets():
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
            problem("realm-secrets", f"{what}: {'not refused' if refused else 'refused'} (exit {run.returncode}): "
                    f"{run.stderr.strip()[-200:]}")
        else:
            info(f"{what}: {'refused' if refused else 'let through'}")


def check_kafka_secrets():
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
                problem("kafka-secrets", f"{what}: {'not refused' if refused else 'refused'} (exit {run.returncode}): "
                        f"{run.stderr.strip()[-200:]}")
            elif any(pw in argv for pw in secrets.values()):
                problem("kafka-secrets", f"{what}: a password is on a Kafka tool's command line")
            elif not refused and not all(f"--entity-name {u}" in argv for u in ("blau-auth", "blau-chat")):
                problem("kafka-secrets", f"{what}: the users' passwords were not set: {argv[-300:]}")
            else:
                info(f"{what}: {'refused' if refused else 'let through, passwords set from a file'}")


def nginx_upstreams(rel):
    text = open(path(rel)).read()
    found = []
    for m in re.finditer(r"^\s*server\s+([A-Za-z0-9_.-]+):(\d+)", text, re.M):
        found.append((m.group(1), int(m.group(2))))
    return found


def prometheus_targets():
    conf = load_yaml_all(PROMETHEUS_CONFIG)[0]
    found = []
    for job in conf.get("scrape_configs", []):
        for sc in job.get("static_configs", []) or []:
            for t in sc.get("targets", []):
                h, _, p = t.partition(":")
                found.append((job["job_name"], h, int(p)))
        for dns in job.get("dns_sd_configs", []) or []:
            for n in dns.get("names", []):
                found.append((job["job_name"], n, int(dns["port"])))
    return found


def check_endpoints_compose(endpoints):
    dockerfiles = {os.path.normpath(d): parse_dockerfile(d) for d in all_dockerfiles()}
    for label, conf in compose_configs("kong"):
        services = conf.get("services", {})
        for what, host, port in endpoints:
            if host not in services:
                problem("kong", f"{label}: {what} goes to {host}:{port}, but compose has no service {host}")
                continue
            ports = compose_listen_ports(services[host], dockerfiles)
            if port not in ports:
                problem("kong", f"{label}: {what} goes to {host}:{port}, but {host} listens on {sorted(ports) or 'nothing declared'}")
        info(f"{label}: {len(endpoints)} gateway/edge/monitoring targets are compose services on ports they listen on")


def check_endpoints_k8s(endpoints):
    for d in overlay_dirs():
        try:
            objects = rendered(d)
        except Exception as e:  # reported by the k8s check
            problem("kong", f"{d}: does not render: {e}")
            continue
        svcs = {o["metadata"]["name"]: o for o in objects if o["kind"] == "Service"}
        for what, host, port in endpoints:
            s = svcs.get(host)
            if s is None:
                problem("kong", f"{d}: {what} goes to {host}:{port}, but there is no Service {host}")
            elif not any(p["port"] == port for p in s["spec"].get("ports", [])):
                problem("kong", f"{d}: {what} goes to {host}:{port}, but Service {host} has no port {port}")
        info(f"{d}: {len(endpoints)} gateway targets are Services with those ports")


# --------------------------------------------------------------------------- environment

def liberty_images():
    """Dockerfiles that copy a Liberty server.xml: the image's server configuration."""
    images = {}
    for rel in all_dockerfiles():
        df = parse_dockerfile(rel)
        for s in df["stages"]:
            for c in s["copies"]:
                for src in c["srcs"]:
                    if src.endswith("src/main/liberty/config/server.xml") and not c["from"]:
                        images[rel] = {"server_xml": src, "module": src.split("/")[0], "dockerfile": df}
    return images


def module_sources(module):
    """The module's own Java sources and those of the project modules it packages (compile scope)."""
    dirs = [os.path.join(module, "src/main/java")]
    pom = path(os.path.join(module, "pom.xml"))
    if os.path.exists(pom):
        ns = {"m": "http://maven.apache.org/POM/4.0.0"}
        tree = ET.parse(pom)
        group = "dev.blau"
        for dep in tree.getroot().findall("m:dependencies/m:dependency", ns):
            g = dep.findtext("m:groupId", "", ns)
            a = dep.findtext("m:artifactId", "", ns)
            scope = dep.findtext("m:scope", "compile", ns)
            if g == group and scope in ("compile", "runtime") and os.path.isdir(path(os.path.join(a, "src/main/java"))):
                dirs.append(os.path.join(a, "src/main/java"))
    return dirs


def code_config_reads(module):
    """Config names the code reads: (name, has_default)."""
    reads = {}
    for d in module_sources(module):
        for f in glob.glob(path(d + "/**/*.java"), recursive=True):
            text = open(f).read()
            for m in re.finditer(r'@ConfigProperty\s*\(([^)]*)\)', text):
                args = m.group(1)
                n = re.search(r'name\s*=\s*"([^"]+)"', args)
                if n:
                    reads[n.group(1)] = reads.get(n.group(1), False) or ("defaultValue" in args)
            # whole literals only: a name built at run time ("kafka." + service + ...) is not a name
            for m in re.finditer(r'\.getValue\(\s*"([^"]+)"\s*,', text):
                reads.setdefault(m.group(1), False)
            for m in re.finditer(r'\.getOptionalValue\(\s*"([^"]+)"\s*,', text):
                reads[m.group(1)] = True
    return reads


def liberty_config(server_xml):
    """Variables (name -> (kind, text)) and the attribute references of a server.xml and its includes."""
    variables, refs, env_refs, files = {}, set(), set(), []
    todo = [path(server_xml)]
    while todo:
        f = todo.pop(0)
        files.append(os.path.relpath(f, ROOT))
        root = ET.parse(f).getroot()
        for el in root.iter():
            if el.tag == "include":
                loc = el.get("location", "")
                loc = loc.replace("${shared.config.dir}", path(SHARED_CONFIG_DIR)).replace("${server.config.dir}", os.path.dirname(f))
                if not os.path.exists(loc):
                    raise ValueError(f"{os.path.relpath(f, ROOT)} includes {el.get('location')}, which is not in {SHARED_CONFIG_DIR}")
                todo.append(loc)
                continue
            if el.tag == "variable":
                name = el.get("name")
                if el.get("value") is not None:
                    variables[name] = ("value", el.get("value"))
                elif el.get("defaultValue") is not None:
                    variables.setdefault(name, ("default", el.get("defaultValue")))
                continue
            for v in el.attrib.values():
                for m in re.finditer(r"\$\{([^}]+)\}", v):
                    refs.add(m.group(1))
    return variables, refs, files


def env_name(var):
    return re.sub(r"[^A-Za-z0-9]", "_", var).upper()


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


def check_env():
    print("env: every variable the Liberty servers read is set in compose and Kubernetes")
    images = liberty_images()
    if not images:
        problem("env", "no Dockerfile copies a Liberty server.xml")
        return
    for rel, image in images.items():
        try:
            required, files = required_env(image)
        except (ValueError, ET.ParseError) as e:
            problem("env", f"{rel}: {e}")
            continue
        image["required"] = required
        info(f"{rel}: {len(required)} variables from {', '.join(files)} and {image['module']}'s code: {', '.join(sorted(required))}")
    check_env_compose(images)
    check_env_k8s(images)


def check_env_compose(images):
    for label, conf in compose_configs("env"):
        for name, svc in conf.get("services", {}).items():
            build = svc.get("build")
            dockerfile = os.path.normpath(build["dockerfile"]) if isinstance(build, dict) and build.get("dockerfile") else None
            image = images.get(dockerfile)
            if image is None or "required" not in image:
                continue
            env = svc.get("environment") or {}
            if isinstance(env, list):
                env = dict(e.split("=", 1) if "=" in e else (e, "") for e in env)
            given = set(env) | set(image["dockerfile"]["env"]) | compose_variable_files(svc)
            missing = sorted(set(image["required"]) - given)
            for m in missing:
                problem("env", f"{label}: service {name} ({dockerfile}) does not set {m} ({image['required'][m]})")
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
    by_name = {}
    for rel, image in images.items():
        base = os.path.basename(os.path.dirname(rel)) if os.path.basename(rel) == "Dockerfile" else rel
        by_name[base] = image
    for d in overlay_dirs():
        try:
            objects = rendered(d)
        except Exception as e:
            problem("env", f"{d}: does not render: {e}")
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
                    problem("env", f"{d}: {o['kind']}/{o['metadata']['name']} container {c['name']} does not set {m} ({image['required'][m]})")
                if not missing:
                    info(f"{d}: {o['kind']}/{o['metadata']['name']} sets all {len(image['required'])}")
        for n in by_name:
            if n not in seen:
                problem("env", f"{d}: no container runs the {n} image")


# --------------------------------------------------------------------------- checks in modules of their own

def check_central_logs():
    central_logs.check(sys.modules[__name__])


def check_secret_files():
    secret_files.check(sys.modules[__name__])


# --------------------------------------------------------------------------- main

CHECKS = {"compose": check_compose, "kong": check_kong, "forwarded-for": check_forwarded_for,
          "spa-headers": check_spa_headers, "access-logs": check_access_logs,
          "realm-secrets": check_realm_secrets, "kafka-secrets": check_kafka_secrets, "k8s": check_k8s,
          "dockerfiles": check_dockerfiles, "env": check_env, "central-logs": check_central_logs,
          "secret-files": check_secret_files}


def main(argv):
    names = argv or list(CHECKS)
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        print(f"unknown check(s): {', '.join(unknown)}; known: {', '.join(CHECKS)}")
        return 2
    started = time.monotonic()
    for n in names:
        t = time.monotonic()
        try:
            CHECKS[n]()
        except Exception as e:  # a check that crashes has found a problem too
            problem(n, f"{type(e).__name__}: {e}")
        print(f"  ({time.monotonic() - t:.1f} s)")
    failed = sorted({c for c, _ in PROBLEMS})
    passed = [n for n in names if n not in failed]
    print(f"deployment checks took {time.monotonic() - started:.1f} s")
    print(f"deployment-checks: {len(passed)} passed, {len(failed)} failed")
    if failed:
        print("failed: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
