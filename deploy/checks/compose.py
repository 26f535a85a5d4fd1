"""compose: `docker-compose config -q` on the base file and on every combination with the overrides;
every ${VAR} the files interpolate without a default is in .env.example, so a copy of it works.
"""

import re
import subprocess

from compose_project import COMPOSE_BASE, COMPOSE_OVERRIDES, ENV_EXAMPLE, compose_args, compose_cmd, compose_combinations
from findings import info, problem
from repository import ROOT, path, read_env_file

NAME = "compose"


def check():
    print("compose: docker-compose config -q on each file combination, .env.example complete")
    cmd = compose_cmd()
    if cmd is None:
        problem(NAME, "docker-compose is not installed (apt-get install docker-compose)")
        return
    for files in compose_combinations():
        label = " + ".join(files)
        out = subprocess.run(compose_args(cmd, files) + ["config", "-q"], capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            problem(NAME, f"{label}: docker-compose config -q failed: {out.stderr.strip()}")
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
                problem(NAME, f"{f} interpolates ${{{name}}} without a default and .env.example does not set it")
    info(f".env.example sets every variable the compose files require ({len(example)} variables)")
