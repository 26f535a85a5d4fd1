"""dockerfiles: every COPY/ADD source of every Dockerfile exists in the build context and is sent
(.dockerignore, as the Docker SDK applies it, does not exclude it), or is produced by an earlier
stage of the same build.
"""

import glob
import os
import re

from container_images import build_context, image_builds, parse_dockerfile
from findings import info, problem
from repository import ROOT, path

NAME = "dockerfiles"


def check():
    print("dockerfiles: every COPY/ADD source exists in the build context or an earlier stage")
    for key, rel, args in image_builds():
        df = parse_dockerfile(rel, args)
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
                    check_copy_from_context(rel, src)
        if not df["stages"]:
            problem(NAME, f"{key}: no FROM")
        info(f"{key}: {count} sources ({', '.join(n or '-' for n in stage_names)})")


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
        problem(NAME, f"{rel}: COPY --from={frm}: no earlier stage of that name")
        return
    if stage is None:
        problem(NAME, f"{rel}: COPY --from={frm}: no such earlier stage")
        return
    target = os.path.normpath(src if src.startswith("/") else os.path.join(stage["workdir"], src))
    # produced there: under its WORKDIR by a RUN, copied into it, or a path its RUNs name
    under_workdir = stage["runs"] and stage["workdir"] != "/" and (target + "/").startswith(stage["workdir"].rstrip("/") + "/")
    copied = any((target + "/").startswith(os.path.normpath(d).rstrip("/") + "/") or os.path.normpath(d).startswith(target) for d in stage["dests"])
    named = any(target in r or target.rstrip("/") + "/" in r for r in stage["runs"])
    if not (under_workdir or copied or named):
        problem(NAME, f"{rel}: COPY --from={frm} {src}: nothing in stage {frm} produces {target}")


def check_copy_from_context(rel, src):
    src_clean = src.rstrip("/") or "."
    matches = glob.glob(path(src_clean))
    if not matches:
        problem(NAME, f"{rel}: COPY {src}: no such file in the build context (the repository root; run the Maven build first)")
        return
    sent = build_context(rel)
    for m in matches:
        mrel = os.path.relpath(m, ROOT)
        if os.path.isdir(m):
            files = [os.path.relpath(os.path.join(d, f), ROOT) for d, _, fs in os.walk(m) for f in fs]
            if files and not any(f in sent for f in files):
                problem(NAME, f"{rel}: COPY {src}: everything in it is excluded by .dockerignore")
        elif mrel not in sent:
            problem(NAME, f"{rel}: COPY {src}: {mrel} is excluded by .dockerignore")
