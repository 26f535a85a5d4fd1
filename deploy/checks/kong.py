"""kong: deploy/kong/kong.yml validates against Kong's declarative schema (deploy/schemas); every route
has a service; the routes of BLAU's API contract go to the right application; the plugin fields BLAU
relies on are there. Every service (through its upstream's targets), every Redis the plugins use,
every edge NGINX upstream and every Prometheus target names a compose service and a port that
service listens on; every gateway target is a Kubernetes Service with that port in every overlay.
"""

import json
import os
import re

from compose_project import compose_configs, compose_listen_ports
from container_images import all_dockerfiles, parse_dockerfile
from findings import info, problem
from kustomize import overlay_dirs, rendered
from repository import EDGE_CONFIGS, load_yaml_all, path

NAME = "kong"
KONG_CONFIG = "deploy/kong/kong.yml"
KONG_SCHEMA = "deploy/schemas/kong-declarative.schema.json"
PROMETHEUS_CONFIG = "deploy/prometheus/prometheus.yml"

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


def check():
    print("kong: schema, routes to compose services and Kubernetes Services on ports they listen on")
    import jsonschema
    conf = load_yaml_all(KONG_CONFIG)[0]
    schema = json.load(open(path(KONG_SCHEMA)))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(conf), key=lambda e: list(e.path))
    for e in errors:
        problem(NAME, f"{KONG_CONFIG}: {'/'.join(str(p) for p in e.path) or '(top)'}: {e.message}")
    if not errors:
        info(f"{KONG_CONFIG} validates against Kong's declarative schema")
    if not str(conf.get("_format_version", "")).startswith("3."):
        problem(NAME, f"{KONG_CONFIG}: _format_version must be 3.x (Kong 3)")

    services = {s["name"]: s for s in conf.get("services", []) or []}
    routes = []
    for s in services.values():
        for r in s.get("routes", []) or []:
            routes.append((r, s["name"]))
    for r in conf.get("routes", []) or []:
        svc = r.get("service")
        name = svc.get("name") if isinstance(svc, dict) else svc
        if name not in services:
            problem(NAME, f"route {r.get('name')}: service {name} is not defined")
        routes.append((r, name))
    for r, svc in routes:
        if not r.get("paths") and not r.get("hosts") and not r.get("expression"):
            problem(NAME, f"route {r.get('name')} of {svc}: matches nothing (no paths, hosts or expression)")
    for p in all_kong_plugins(conf):
        for scope in ("service", "route"):
            ref = p.get(scope)
            if ref and scope == "service" and ref not in services:
                problem(NAME, f"plugin {p['name']}: service {ref} is not defined")
        rule = KONG_PLUGIN_RULES.get(p["name"])
        missing = rule(p.get("config") or {}) if rule else []
        for m in missing:
            problem(NAME, f"plugin {p['name']} ({p.get('service') or 'global/route'}): config lacks {m}")
    present = {p["name"] for p in all_kong_plugins(conf)}
    for name in REQUIRED_KONG_PLUGINS:
        if name not in present:
            problem(NAME, f"{KONG_CONFIG}: no {name} plugin")
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
            problem(NAME, f"no route for {p} to {app}")
    if not any(any("/api/v1/chat/ws" in x for x in (r.get("paths") or [])) for r, _ in routes):
        problem(NAME, "no route for the WebSocket /api/v1/chat/ws")

    endpoints = kong_endpoints(conf)
    endpoints += [(f"edge {f}", h, p) for f in EDGE_CONFIGS for h, p in nginx_upstreams(f)]
    endpoints += [(f"prometheus job {j}", h, p) for j, h, p in prometheus_targets()]
    check_endpoints_compose(endpoints)
    check_endpoints_k8s([e for e in kong_endpoints(conf)])


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
    for label, conf in compose_configs(NAME):
        services = conf.get("services", {})
        for what, host, port in endpoints:
            if host not in services:
                problem(NAME, f"{label}: {what} goes to {host}:{port}, but compose has no service {host}")
                continue
            ports = compose_listen_ports(services[host], dockerfiles)
            if port not in ports:
                problem(NAME, f"{label}: {what} goes to {host}:{port}, but {host} listens on {sorted(ports) or 'nothing declared'}")
        info(f"{label}: {len(endpoints)} gateway/edge/monitoring targets are compose services on ports they listen on")


def check_endpoints_k8s(endpoints):
    for d in overlay_dirs():
        try:
            objects = rendered(d)
        except Exception as e:  # reported by the k8s check
            problem(NAME, f"{d}: does not render: {e}")
            continue
        svcs = {o["metadata"]["name"]: o for o in objects if o["kind"] == "Service"}
        for what, host, port in endpoints:
            s = svcs.get(host)
            if s is None:
                problem(NAME, f"{d}: {what} goes to {host}:{port}, but there is no Service {host}")
            elif not any(p["port"] == port for p in s["spec"].get("ports", [])):
                problem(NAME, f"{d}: {what} goes to {host}:{port}, but Service {host} has no port {port}")
        info(f"{d}: {len(endpoints)} gateway targets are Services with those ports")
