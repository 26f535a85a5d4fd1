"""The Kubernetes manifests as `kubectl kustomize` renders them, and where pods and images sit in them.

kubectl's built-in kustomize is what `kubectl apply -k` and the deployment guide's
`kubectl kustomize deploy/k8s/overlays/<env> | kubectl apply -f -` use, so the checks read the
objects a cluster gets: generated ConfigMaps and Secrets carry their content hash in their names
(and every reference to them follows), Secret data is base64, and the base's labels are applied.
The kustomizations use fields newer than the kustomize inside kubectl 1.20 (Debian 12's
kubernetes-client stops at configMapGenerator's envs): .ci/run provides a newer kubectl.
"""

import glob
import os
import re
import shutil
import subprocess

import yaml

from repository import ROOT, path

K8S_DIR = "deploy/k8s"


class RenderError(Exception):
    pass


def kustomization_dirs():
    dirs = []
    for f in glob.glob(path(K8S_DIR + "/**/kustomization.yaml"), recursive=True):
        dirs.append(os.path.relpath(os.path.dirname(f), ROOT))
    return sorted(dirs)


def overlay_dirs():
    return [d for d in kustomization_dirs() if "/overlays/" in d + "/"]


def kubectl_version():
    """kubectl's client and kustomize versions, as it states them ("v1.32.3, kustomize v5.5.0"), or
    None when there is no kubectl on the PATH."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        return None
    out = subprocess.run([kubectl, "version", "--client"], capture_output=True, text=True).stdout
    client = re.search(r"v\d+\.\d+\.\d+[\w.+-]*", out)
    kustomize = re.search(r"^Kustomize Version:\s*(\S+)", out, re.M)
    # kubectl states its kustomize's version from 1.24 on
    return f"{client.group(0) if client else 'version unknown'}, kustomize {kustomize.group(1) if kustomize else 'version not stated'}"


_RENDERED = {}


def rendered(dir_rel):
    """The objects `kubectl kustomize <dir_rel>` renders; RenderError when it cannot. Several checks
    read each kustomization: it is rendered once."""
    if dir_rel not in _RENDERED:
        try:
            _RENDERED[dir_rel] = _render(dir_rel)
        except RenderError as e:
            _RENDERED[dir_rel] = e
    result = _RENDERED[dir_rel]
    if isinstance(result, RenderError):
        raise result
    return result


def _render(dir_rel):
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        raise RenderError("kubectl is not on the PATH (the checks render with `kubectl kustomize`; .ci/run provides it)")
    out = subprocess.run([kubectl, "kustomize", path(dir_rel)], capture_output=True, text=True)
    if out.returncode != 0:
        raise RenderError(f"kubectl kustomize failed (kubectl {kubectl_version()}): {kubectl_error(out.stderr)}")
    try:
        return [o for o in yaml.safe_load_all(out.stdout) if o]
    except yaml.YAMLError as e:
        raise RenderError(f"kubectl kustomize printed what does not parse: {e}") from e


def kubectl_error(stderr):
    """kubectl's message without the log header newer ones put before it
    (E1206 11:15:54.733268 5017 run.go:72] "command failed" err="...")."""
    m = re.search(r'\] "command failed" err="(.*)"\s*$', stderr, re.S)
    return m.group(1).replace('\\"', '"') if m else stderr.strip()


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
