"""The repository the checks read: its root, and its YAML and env files.

The root is two folders above this file, so a copy of the repository (deploy/checks included) is
checked by running the copy's checks.
"""

import os

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# the edge's NGINX configuration, read by the kong and forwarded-for checks
EDGE_CONFIGS = ["deploy/edge/blau.conf.template"]


def path(rel):
    return os.path.join(ROOT, rel)


def load_yaml_all(rel):
    with open(path(rel)) as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


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
