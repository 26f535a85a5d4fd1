"""The compose project as docker-compose resolves it: the base file alone and with each override,
interpolated with .env.example, the monitoring profile on. Several checks read it; each file
combination is resolved once.
"""

import os
import shutil
import subprocess

import yaml

from findings import problem
from repository import ROOT, path

COMPOSE_BASE = "docker-compose.yml"
COMPOSE_OVERRIDES = ["docker-compose.dev.yml", "docker-compose.prod.yml"]
ENV_EXAMPLE = ".env.example"

_COMPOSE_CACHE = {}


def compose_combinations():
    combos = [[COMPOSE_BASE]]
    for override in COMPOSE_OVERRIDES:
        combos.append([COMPOSE_BASE, override])
    return combos


def compose_cmd():
    exe = shutil.which("docker-compose")
    if exe:
        return [exe]
    # a docker CLI without the compose plugin is no compose: fall through to "not installed"
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"],
                                                 capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return None


def compose_args(cmd, files):
    """The command line that reads `files` as one project, with .env.example as its .env."""
    args = cmd + ["--project-directory", ROOT, "--env-file", path(ENV_EXAMPLE)]
    for f in files:
        args += ["-f", path(f)]
    return args


def compose_config(files):
    """The merged, interpolated configuration (with .env.example), as docker-compose sees it."""
    key = tuple(files)
    if key not in _COMPOSE_CACHE:
        cmd = compose_cmd()
        if cmd is None:
            raise RuntimeError("docker-compose is not installed (apt-get install docker-compose)")
        out = subprocess.run(compose_args(cmd, files) + ["config"], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "COMPOSE_PROFILES": "monitoring"})
        _COMPOSE_CACHE[key] = out
    out = _COMPOSE_CACHE[key]
    if out.returncode != 0:
        return None, out.stderr.strip()
    return yaml.safe_load(out.stdout), None


def compose_configs(check):
    """(label, resolved configuration) of each compose combination; one that cannot be read is a problem of `check`."""
    for files in compose_combinations():
        label = " + ".join(files)
        conf, err = compose_config(files)
        if conf is None:
            problem(check, f"{label}: cannot read the compose configuration: {err}")
            continue
        yield label, conf


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
