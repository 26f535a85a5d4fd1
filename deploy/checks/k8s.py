"""k8s: every manifest under deploy/k8s parses; every kustomization renders with `kubectl kustomize`;
every Deployment/StatefulSet container has startup, liveness and readiness probes (on ports it
declares) and cpu/memory requests and limits; every HPA, Service selector and port, Ingress backend,
ConfigMap/Secret key reference and Secret volume item points at something that exists.
"""

import glob
import os

import yaml

from findings import info, problem
from kustomize import K8S_DIR, RenderError, kubectl_version, kustomization_dirs, pod_containers, rendered
from repository import ROOT, load_yaml_all, path

NAME = "k8s"


def check():
    print("k8s: manifests parse, kustomizations render, workloads have probes and resources, references resolve")
    files = sorted(glob.glob(path(K8S_DIR + "/**/*.yaml"), recursive=True) + glob.glob(path(K8S_DIR + "/**/*.yml"), recursive=True))
    for f in files:
        rel = os.path.relpath(f, ROOT)
        try:
            docs = load_yaml_all(rel)
        except yaml.YAMLError as e:
            problem(NAME, f"{rel}: does not parse: {e}")
            continue
        for d in docs:
            if not isinstance(d, dict) or "kind" not in d or ("apiVersion" not in d and os.path.basename(rel) != "kustomization.yaml"):
                problem(NAME, f"{rel}: a document without apiVersion/kind")
            elif d["kind"] != "Kustomization" and not (d.get("metadata") or {}).get("name"):
                problem(NAME, f"{rel}: a {d['kind']} without metadata.name")
    info(f"{len(files)} manifest files parse")
    version = kubectl_version()
    if version is None:
        problem(NAME, "kubectl is not on the PATH: the kustomizations are rendered with `kubectl kustomize` "
                "(.ci/run provides a kubectl whose kustomize knows the fields they use)")
        return
    info(f"rendering with kubectl {version}")
    for d in kustomization_dirs():
        try:
            objects = rendered(d)
        except RenderError as e:
            problem(NAME, f"{d}: does not render: {e}")
            continue
        check_workloads(d, objects)


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
            problem(NAME, f"{who}: selector does not match the pod template's labels")
        for c in pod_containers(o):
            cwho = f"{who} container {c['name']}"
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                if not c.get(probe):
                    problem(NAME, f"{cwho}: no {probe}")
                else:
                    check_probe_port(cwho, probe, c)
            res = c.get("resources") or {}
            for part in ("requests", "limits"):
                for r in ("cpu", "memory"):
                    if not (res.get(part) or {}).get(r):
                        problem(NAME, f"{cwho}: no resources.{part}.{r}")
            check_refs(d, cwho, c, by_kind)
        check_secret_volumes(who, o, by_kind)
    for o in objects:
        if o["kind"] == "Job":
            for c in pod_containers(o):
                check_refs(d, f"{d}: Job/{o['metadata']['name']} container {c['name']}", c, by_kind)
        if o["kind"] == "HorizontalPodAutoscaler":
            ref = o["spec"]["scaleTargetRef"]
            if ref["name"] not in by_kind.get(ref["kind"], {}):
                problem(NAME, f"{d}: HPA {o['metadata']['name']} scales {ref['kind']}/{ref['name']}, which does not exist")
            if not o["spec"].get("minReplicas") or o["spec"]["minReplicas"] < 2:
                problem(NAME, f"{d}: HPA {o['metadata']['name']}: minReplicas below 2")
        if o["kind"] == "Service" and (o["spec"].get("type") != "ExternalName"):
            sel = o["spec"].get("selector") or {}
            pods = [w for w in workloads if all(((w["spec"]["template"].get("metadata") or {}).get("labels") or {}).get(k) == v for k, v in sel.items())]
            if not pods:
                problem(NAME, f"{d}: Service {o['metadata']['name']} selects no workload")
            for port in o["spec"].get("ports", []):
                tp = port.get("targetPort", port["port"])
                if pods and not any(container_has_port(c, tp) for w in pods for c in pod_containers(w)):
                    problem(NAME, f"{d}: Service {o['metadata']['name']} port {port['port']} targets {tp}, which no selected container exposes")
        if o["kind"] == "Ingress":
            for rule in o["spec"].get("rules", []):
                for p in rule.get("http", {}).get("paths", []):
                    svc = p["backend"]["service"]
                    s = by_kind.get("Service", {}).get(svc["name"])
                    if s is None:
                        if "/overlays/" in d + "/":
                            problem(NAME, f"{d}: Ingress path {p['path']} goes to Service {svc['name']}, which does not exist")
                    elif not any(sp["port"] == svc["port"].get("number") for sp in s["spec"].get("ports", [])):
                        problem(NAME, f"{d}: Ingress path {p['path']} goes to {svc['name']}:{svc['port']}, a port the Service lacks")
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
                problem(NAME, f"{cwho}: {probe} uses port {port}, which the container does not declare")
    if not any(k in spec for k in ("httpGet", "tcpSocket", "grpc", "exec")):
        problem(NAME, f"{cwho}: {probe} has no handler")


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
                problem(NAME, f"{who}: volume {v['name']} takes key {item['key']} of Secret {secret['secretName']}, which it lacks")


def check_refs(d, cwho, c, by_kind):
    for ef in c.get("envFrom", []) or []:
        for kind, key in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
            if key in ef and ef[key]["name"] not in by_kind.get(kind, {}) and "/overlays/" in d + "/" and kind == "ConfigMap":
                problem(NAME, f"{cwho}: envFrom {kind} {ef[key]['name']} does not exist")
    for e in c.get("env", []) or []:
        vf = e.get("valueFrom") or {}
        for kind, key in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")):
            if key in vf:
                ref = vf[key]
                obj = by_kind.get(kind, {}).get(ref["name"])
                if obj is None:
                    if kind == "ConfigMap" and "/overlays/" in d + "/":
                        problem(NAME, f"{cwho}: env {e['name']} refers to ConfigMap {ref['name']}, which does not exist")
                    continue
                data = {**(obj.get("data") or {}), **(obj.get("stringData") or {})}
                if ref["key"] not in data:
                    problem(NAME, f"{cwho}: env {e['name']} refers to key {ref['key']} of {kind} {ref['name']}, which it lacks")
