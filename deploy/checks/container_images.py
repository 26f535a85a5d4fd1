"""The container images' Dockerfiles, and what `docker build` sends them from the repository.

Every image builds from the repository root (compose: `context: .`, `dockerfile: <its Dockerfile>`),
so there is one build context, narrowed by the root's .dockerignore. Which files it keeps is the
Docker SDK for Python's answer (docker.utils.build, Debian's python3-docker, which docker-compose
itself builds with), not a matcher of our own.
"""

import glob
import json
import os
import re

import yaml

from repository import ROOT, path


def parse_dockerfile(rel, build_args=None):
    """The Dockerfile's stages; `${VAR}` in FROM, COPY and ADD stands for the value its ARG gets from
    `build_args` (compose's build.args) or else its default."""
    text = open(path(rel)).read()
    text = re.sub(r"\\\n", " ", text)
    build_args = build_args or {}
    stages = []
    args = {}

    def expand(value):
        return re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), value)

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 1)
        instr, rest = parts[0].upper(), parts[1] if len(parts) > 1 else ""
        if instr == "ARG":
            k, has_default, v = rest.partition("=")
            k = k.strip()
            if k in build_args:
                args[k] = str(build_args[k])
            elif has_default:
                args[k] = v.strip()
            continue
        if instr == "FROM":
            tokens = rest.split()
            image = expand(tokens[0])
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
            srcs, dest = [expand(i) for i in items[:-1]], expand(items[-1])
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


def build_key(build):
    """How the checks name an image built here: its Dockerfile, with the build arguments that choose
    what goes into it (one Dockerfile builds both Liberty images)."""
    args = build.get("args") or {}
    if isinstance(args, list):
        args = dict(a.split("=", 1) for a in args)
    return os.path.normpath(build["dockerfile"]) + "".join(f" {k}={v}" for k, v in sorted(args.items()))


def image_builds():
    """(key, Dockerfile, build arguments) of every image: each build of the base compose file, and
    every other Dockerfile of the repository as it stands."""
    with open(path("docker-compose.yml")) as f:
        services = (yaml.safe_load(f) or {}).get("services", {})
    builds, built = {}, set()
    for service in services.values():
        build = service.get("build")
        if isinstance(build, dict) and build.get("dockerfile"):
            args = build.get("args") or {}
            if isinstance(args, list):
                args = dict(a.split("=", 1) for a in args)
            builds[build_key(build)] = (os.path.normpath(build["dockerfile"]), args)
            built.add(os.path.normpath(build["dockerfile"]))
    for rel in all_dockerfiles():
        if rel not in built:
            builds[rel] = (rel, {})
    return [(key, rel, args) for key, (rel, args) in sorted(builds.items())]


def dockerignore_patterns():
    """The root .dockerignore's patterns, read as the Docker SDK reads them (no blank or # lines)."""
    file = path(".dockerignore")
    if not os.path.exists(file):
        return []
    patterns = []
    for line in open(file):
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(line)
    return patterns


def _docker_sdk_build():
    try:
        from docker.utils import build
    except ImportError as e:
        raise RuntimeError(f"the Docker SDK for Python is not installed (apt-get install python3-docker): {e}") from e
    return build


_BUILD_CONTEXTS = {}


def build_context(dockerfile):
    """Paths (files and folders, relative to the root) that COPY and ADD of `docker build -f <dockerfile> .`
    can take: what the Docker SDK sends, less the Dockerfile when .dockerignore excludes it (the SDK
    sends it anyway, for Docker to read, but COPY does not take an excluded one)."""
    if dockerfile not in _BUILD_CONTEXTS:
        build = _docker_sdk_build()
        patterns = dockerignore_patterns()
        # exclude_paths appends to the list it is given: hand it a copy
        sent = build.exclude_paths(ROOT, list(patterns), dockerfile=dockerfile)
        if build.PatternMatcher(patterns).matches(dockerfile):
            sent.discard(dockerfile)
        _BUILD_CONTEXTS[dockerfile] = sent
    return _BUILD_CONTEXTS[dockerfile]


def excluded_from_build_context(rel):
    """Whether .dockerignore keeps a path out of every image's build context, whether or not the path
    exists yet (a secret file generated later): the matcher exclude_paths uses, path by path."""
    return _docker_sdk_build().PatternMatcher(dockerignore_patterns()).matches(rel)
