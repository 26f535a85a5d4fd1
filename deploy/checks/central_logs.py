"""The central-logs check of check_deployment.py: Loki, Alloy and Grafana's logs side.

    python3 deploy/checks/check_deployment.py central-logs

- the compose profile "monitoring" runs Loki and Alloy (Promtail's successor) from pinned image
  tags, in every file combination;
- the configuration files their services mount exist and parse: Loki's YAML (and it listens
  where Alloy pushes), Alloy's configuration (balanced blocks, every component it refers to
  defined, a Docker socket to discover containers with, a push URL to the compose service
  Loki on a port it exposes);
- Alloy gives log streams only the few bounded labels (service, instance, level): never a
  request id or a user, which would make a stream per request;
- Grafana provisions a Loki data source next to Prometheus, and the "BLAU logs" dashboard
  parses, queries that data source, counts errors by service and filters lines by request id;
- the access logs name the request: Kong's format writes X-Request-Id, the edge's JSON log its
  request_id, and a Liberty access log, if one is ever turned on, %{X-Request-Id}i.
"""

import glob
import json
import os
import re
import xml.etree.ElementTree as ET

import yaml

from compose_project import compose_configs
from container_images import parse_dockerfile
from findings import info, problem
from repository import ROOT, load_yaml_all, path

NAME = "central-logs"
PROFILE = "monitoring"
LOG_SERVICES = {"loki": "grafana/loki", "alloy": "grafana/alloy"}
ALLOY_LABELS = {"service", "instance", "level"}
GRAFANA_DATASOURCES = "deploy/grafana/provisioning/datasources"
GRAFANA_DASHBOARDS = "deploy/grafana/dashboards"
LOGS_DASHBOARD_TITLE = "BLAU logs"
LIBERTY_CONFIGS = ["liberty-config/src/main/resources/*.xml", "*/src/main/liberty/config/server.xml"]


def check():
    print(f"{NAME}: Loki and Alloy in the monitoring profile, their configuration, Grafana's Loki data source and logs dashboard")
    mounted = {}
    for label, conf in compose_configs(NAME):
        services = conf.get("services", {})
        for name, image_name in LOG_SERVICES.items():
            svc = services.get(name)
            if svc is None:
                problem(NAME, f"{label}: no service {name} (profile {PROFILE})")
                continue
            if PROFILE not in (svc.get("profiles") or []):
                problem(NAME, f"{label}: service {name} is not in the {PROFILE} profile")
            image = str(svc.get("image", ""))
            if not pinned(image, image_name):
                problem(NAME, f"{label}: service {name} runs {image!r}: pin a released tag of {image_name}")
            mounted[name] = svc
        grafana = services.get("grafana")
        if grafana is not None and "loki" not in (grafana.get("depends_on") or {}):
            problem(NAME, f"{label}: grafana does not depend on loki")
        if all(n in services for n in LOG_SERVICES):
            info_pins = ", ".join(f"{n} {services[n].get('image')}" for n in LOG_SERVICES)
            info(f"{label}: {info_pins}, profile {PROFILE}")
    if "loki" in mounted:
        loki_port = check_loki(mounted["loki"])
        if "alloy" in mounted:
            check_alloy(mounted["alloy"], mounted["loki"], loki_port)
    check_grafana()
    check_access_logs_name_the_request()


def pinned(image, expected_name):
    name, _, tag = image.rpartition(":") if ":" in image.rsplit("/", 1)[-1] else (image, "", "")
    return name == expected_name and bool(re.fullmatch(r"v?\d+\.\d+\.\d+", tag))


def volume_source_target(v):
    """(source, target) of a compose volume, in the short (src:target:mode) or the long form."""
    if isinstance(v, dict):
        return v.get("source", "") or "", v.get("target", "") or ""
    parts = str(v).split(":")
    return parts[0], parts[1] if len(parts) > 1 else parts[0]


def volume_target(v):
    return volume_source_target(v)[1]


def mount_source(svc, target_suffix):
    """The repository file a compose service mounts at a path ending in target_suffix."""
    for v in svc.get("volumes", []) or []:
        source, target = volume_source_target(v)
        if target.endswith(target_suffix) and source:
            return os.path.relpath(source, ROOT) if os.path.isabs(source) else os.path.normpath(source), target
    return None, None


def check_loki(svc):
    command = " ".join(svc.get("command") or []) if isinstance(svc.get("command"), list) else str(svc.get("command") or "")
    m = re.search(r"-config\.file=(\S+)", command)
    if not m:
        problem(NAME, "service loki: no -config.file in its command")
        return None
    source, target = mount_source(svc, m.group(1))
    if source is None or target != m.group(1):
        problem(NAME, f"service loki: {m.group(1)} is not mounted from the repository")
        return None
    try:
        conf = load_yaml_all(source)[0]
    except (OSError, yaml.YAMLError, IndexError) as e:
        problem(NAME, f"{source}: does not parse: {e}")
        return None
    port = int(((conf.get("server") or {}).get("http_listen_port")) or 3100)
    exposed = {int(str(p).split("/")[0]) for p in svc.get("expose", []) or []}
    if port not in exposed:
        problem(NAME, f"{source}: Loki listens on {port}, the service exposes {sorted(exposed)}")
    for key in ("schema_config", "common"):
        if key not in conf:
            problem(NAME, f"{source}: no {key}")
    if (conf.get("auth_enabled") is not False):
        problem(NAME, f"{source}: auth_enabled must be false (one tenant; Alloy and Grafana send no tenant id)")
    stores = [c.get("store") for c in (conf.get("schema_config") or {}).get("configs", [])]
    if stores and stores[-1] != "tsdb":
        problem(NAME, f"{source}: the newest schema should use the tsdb store, not {stores[-1]}")
    if (conf.get("compactor") or {}).get("retention_enabled") and not (conf.get("limits_config") or {}).get("retention_period"):
        problem(NAME, f"{source}: retention is enabled without a retention_period")
    info(f"{source}: parses, Loki listens on {port}, schema store {stores[-1] if stores else '?'}")
    return port


# --------------------------------------------------------------------------- Alloy's configuration

def alloy_strip(text):
    """The configuration with comments removed and every string replaced by a placeholder;
    the strings, in order. Raises ValueError on an unterminated string or comment."""
    out, strings, i = [], [], 0
    while i < len(text):
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = len(text) if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise ValueError("an unterminated /* comment")
            i = j + 2
        elif c == '"':
            j, buf = i + 1, []
            while j < len(text) and text[j] != '"':
                if text[j] == "\\" and j + 1 < len(text):
                    buf.append(text[j:j + 2])
                    j += 2
                    continue
                if text[j] == "\n":
                    raise ValueError(f"a string that runs past its line: {text[i:j][:60]!r}")
                buf.append(text[j])
                j += 1
            if j >= len(text):
                raise ValueError("an unterminated string")
            strings.append(json.loads('"' + "".join(buf) + '"'))
            out.append(f'"#{len(strings) - 1}"')
            i = j + 1
        elif c == "`":
            j = text.find("`", i + 1)
            if j < 0:
                raise ValueError("an unterminated raw string")
            strings.append(text[i + 1:j])
            out.append(f'"#{len(strings) - 1}"')
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out), strings


def parse_alloy(text):
    """Blocks of an Alloy configuration: [(kind, label, body)] at the top level, with the
    nested blocks' kinds in each body. Raises ValueError when it does not hold together."""
    stripped, strings = alloy_strip(text)
    depth = 0
    for ch in stripped:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            raise ValueError("a closing } without its block")
    if depth:
        raise ValueError(f"{depth} block(s) not closed")
    blocks, i = [], 0
    header = re.compile(r'\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(?:"#(\d+)"\s*)?\{')
    while i < len(stripped):
        m = header.match(stripped, i)
        if not m:
            if stripped[i:].strip():
                raise ValueError(f"not a block: {stripped[i:i + 60].strip()!r}")
            break
        depth, j = 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(stripped[j], 0)
            j += 1
        label = strings[int(m.group(2))] if m.group(2) else None
        blocks.append((m.group(1), label, stripped[m.end():j - 1]))
        i = j
    return blocks, strings


def alloy_string(body, strings, attribute):
    m = re.search(rf'\b{attribute}\s*=\s*"#(\d+)"', body)
    return strings[int(m.group(1))] if m else None


def check_alloy(svc, loki_svc, loki_port):
    command = svc.get("command") or []
    config_path = next((c for c in command if str(c).endswith(".alloy")), None)
    if config_path is None:
        problem(NAME, "service alloy: its command names no .alloy configuration")
        return
    source, _ = mount_source(svc, config_path)
    if source is None:
        problem(NAME, f"service alloy: {config_path} is not mounted from the repository")
        return
    try:
        blocks, strings = parse_alloy(open(path(source)).read())
    except (OSError, ValueError) as e:
        problem(NAME, f"{source}: does not parse: {e}")
        return
    defined = {f"{kind}.{label}" for kind, label, _ in blocks if label}
    whole = " ".join(body for _, _, body in blocks)
    for ref in sorted(set(re.findall(r"\b((?:loki|discovery)\.[a-z_]+\.[A-Za-z0-9_]+)\.(?:receiver|targets|rules|output)\b", whole))):
        if ref not in defined:
            problem(NAME, f"{source}: refers to {ref}, which is not defined")
    kinds = {kind for kind, _, _ in blocks}
    for needed in ("loki.source.docker", "loki.write"):
        if needed not in kinds:
            problem(NAME, f"{source}: no {needed} component")
    sockets = {alloy_string(body, strings, "host") for kind, _, body in blocks if kind in ("discovery.docker", "loki.source.docker")}
    for host in sockets:
        if host and host.startswith("unix://"):
            sock = host[len("unix://"):]
            if not any(volume_target(v) == sock for v in svc.get("volumes", []) or []):
                problem(NAME, f"{source}: reads the Docker API at {sock}, which the alloy service does not mount")
    loki_exposed = {int(str(p).split("/")[0]) for p in loki_svc.get("expose", []) or []}
    for kind, _, body in blocks:
        if kind != "loki.write":
            continue
        url = alloy_string(body, strings, "url") or ""
        m = re.match(r"https?://([^:/]+):(\d+)(/.*)?$", url)
        if not m or m.group(1) != "loki" or int(m.group(2)) not in loki_exposed or int(m.group(2)) != (loki_port or int(m.group(2))):
            problem(NAME, f"{source}: loki.write pushes to {url!r}, not to the loki service on a port it exposes")
        elif (m.group(3) or "") != "/loki/api/v1/push":
            problem(NAME, f"{source}: loki.write pushes to {m.group(3)}, not /loki/api/v1/push")
    labels = alloy_labels(blocks, strings)
    extra = sorted(labels - ALLOY_LABELS)
    if extra:
        problem(NAME, f"{source}: log streams get labels {extra}: only {sorted(ALLOY_LABELS)} (a request id or user id "
                        "as a label makes a stream per request; keep it in the line or in structured metadata)")
    info(f"{source}: {len(blocks)} components, references resolve, labels {sorted(labels)}")


def alloy_labels(blocks, strings):
    """Every stream label the configuration sets: relabel target_labels (outside __ names) and
    the keys of stage.labels / stage.static_labels values."""
    labels = set()
    for _, _, body in blocks:
        for m in re.finditer(r'\btarget_label\s*=\s*"#(\d+)"', body):
            name = strings[int(m.group(1))]
            if not name.startswith("__"):
                labels.add(name)
        for m in re.finditer(r"\bstage\.(?:labels|static_labels)\s*\{\s*values\s*=\s*\{([^}]*)\}", body):
            labels |= set(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*=", m.group(1)))
    return labels


# --------------------------------------------------------------------------- Grafana

def check_grafana():
    datasources = {}
    for f in sorted(glob.glob(path(GRAFANA_DATASOURCES + "/*.y*ml"))):
        rel = os.path.relpath(f, ROOT)
        try:
            conf = load_yaml_all(rel)[0]
        except (yaml.YAMLError, IndexError) as e:
            problem(NAME, f"{rel}: does not parse: {e}")
            continue
        for ds in conf.get("datasources", []) or []:
            datasources[ds.get("uid")] = (rel, ds)
    lokis = {uid: ds for uid, (_, ds) in datasources.items() if ds.get("type") == "loki"}
    if not any(ds.get("type") == "prometheus" for _, ds in datasources.values()):
        problem(NAME, f"{GRAFANA_DATASOURCES}: no Prometheus data source")
    if not lokis:
        problem(NAME, f"{GRAFANA_DATASOURCES}: no Loki data source")
    for uid, ds in lokis.items():
        m = re.match(r"https?://([^:/]+):(\d+)/?$", str(ds.get("url", "")))
        if not uid:
            problem(NAME, "the Loki data source has no uid (dashboards refer to it by uid)")
        if not m or m.group(1) != "loki":
            problem(NAME, f"the Loki data source points at {ds.get('url')!r}, not the loki service")
        else:
            info(f"Grafana data source {ds.get('name')} (uid {uid}) at {ds.get('url')}")
    dashboards = {}
    for f in sorted(glob.glob(path(GRAFANA_DASHBOARDS + "/*.json"))):
        rel = os.path.relpath(f, ROOT)
        try:
            dashboards[rel] = json.load(open(f))
        except ValueError as e:
            problem(NAME, f"{rel}: does not parse: {e}")
    for rel, dash in dashboards.items():
        for panel, target in dashboard_targets(dash):
            uid = ((target.get("datasource") or panel.get("datasource") or {}) or {}).get("uid")
            if uid and not uid.startswith("$") and uid not in datasources:
                problem(NAME, f"{rel}: panel {panel.get('title')!r} queries data source {uid}, which Grafana does not provision")
    logs = [(rel, dash) for rel, dash in dashboards.items() if dash.get("title") == LOGS_DASHBOARD_TITLE]
    if not logs:
        problem(NAME, f"{GRAFANA_DASHBOARDS}: no dashboard titled {LOGS_DASHBOARD_TITLE!r}")
        return
    rel, dash = logs[0]
    targets = [(p, t) for p, t in dashboard_targets(dash)
               if (((t.get("datasource") or p.get("datasource") or {}) or {}).get("uid")) in lokis]
    if not targets:
        problem(NAME, f"{rel}: no panel queries the Loki data source")
    variables = {v.get("name") for v in (dash.get("templating") or {}).get("list", [])}
    errors_by_service = [t for p, t in targets if p.get("type") == "timeseries"
                         and re.search(r"by\s*\(\s*service\s*\)", t.get("expr", "")) and 'level="error"' in t.get("expr", "")]
    by_request = [t for p, t in targets if p.get("type") == "logs" and "$request_id" in t.get("expr", "")]
    if not errors_by_service:
        problem(NAME, f"{rel}: no time series of errors by service (sum by (service) ... level=\"error\")")
    if not by_request or "request_id" not in variables:
        problem(NAME, f"{rel}: no logs panel filtered by the request_id variable")
    if errors_by_service and by_request and "request_id" in variables:
        info(f"{rel}: {LOGS_DASHBOARD_TITLE!r} parses, queries Loki: errors by service, lines by request id")


def dashboard_targets(dash):
    for panel in dash.get("panels", []) or []:
        for inner in [panel] + list(panel.get("panels", []) or []):
            for target in inner.get("targets", []) or []:
                yield inner, target


# --------------------------------------------------------------------------- access logs

def check_access_logs_name_the_request():
    kong_format = parse_dockerfile("deploy/kong/Dockerfile")["env"].get("KONG_NGINX_HTTP_LOG_FORMAT", "")
    if "$http_x_request_id" not in kong_format:
        problem(NAME, "deploy/kong/Dockerfile: Kong's access log format does not write the request id ($http_x_request_id)")
    else:
        info("Kong's access log writes the request id")
    edge = open(path("deploy/edge/nginx.conf")).read()
    if "$request_id" not in edge:
        problem(NAME, "deploy/edge/nginx.conf: the edge's access log does not write $request_id")
    files = sorted({f for pattern in LIBERTY_CONFIGS for f in glob.glob(path(pattern))})
    access_logs = 0
    for f in files:
        rel = os.path.relpath(f, ROOT)
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError as e:
            problem(NAME, f"{rel}: does not parse: {e}")
            continue
        for el in root.iter():
            if el.tag == "accessLogging" or (el.tag == "httpEndpoint" and el.get("accessLoggingRef")):
                access_logs += 1
                if el.tag == "accessLogging" and "%{x-request-id}i" not in (el.get("logFormat") or "").lower():
                    problem(NAME, f"{rel}: Liberty's accessLogging {el.get('id') or ''} has no %{{X-Request-Id}}i in its logFormat")
            if el.tag == "logging" and "accesslog" in (el.get("consoleSource") or "").lower().replace(" ", ""):
                access_logs += 1
                if not root.findall(".//accessLogging"):
                    problem(NAME, f"{rel}: the console gets Liberty's access log, whose default format has no request id")
    info(f"Liberty: {access_logs} access log(s) configured in {len(files)} files"
           + ("" if access_logs else " (none: the edge and Kong write it)"))
