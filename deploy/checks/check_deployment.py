#!/usr/bin/env python3
"""Static checks of BLAU's deployment (no Docker engine, no cluster needed).

    python3 deploy/checks/check_deployment.py [CHECK ...]

Runs every check (or the ones named) and prints, per check, what it verified and every problem it
found; the exit code is 1 when any check found one. Run from anywhere, after the Maven build (the
Dockerfiles copy its outputs). Each check is the module of its name next to this file (kafka-secrets:
kafka_secrets.py), whose docstring says what it verifies:

  compose        docker-compose config of every file combination; .env.example complete
  kong           Kong's declarative config, routes and plugins; every gateway, edge and Prometheus
                 target is a compose service and a Kubernetes Service on a port it listens on
  forwarded-for  the edge replaces X-Forwarded-For; Kong trusts the edge alone
  spa-headers    the SPA's NGINX, served by a real nginx, sends the security headers
  access-logs    no access log writes a query string
  realm-secrets  configure-realm.sh refuses local-development client secrets for a public site
  kafka-secrets  configure-kafka.sh likewise for Kafka passwords, never on a command line
  k8s            manifests parse and render (kubectl kustomize); probes, resources, references
  dockerfiles    every COPY source is in the build context (.dockerignore) or an earlier stage
  env            every variable the Liberty servers read is set in compose and Kubernetes
  central-logs   Loki, Alloy and Grafana's logs side fit together
  secret-files   secrets reach containers as files, never as environment

They need docker-compose, kubectl 1.24 or later (its kustomize renders the Kubernetes overlays),
Debian's nginx, and Python's yaml, jsonschema and docker (the Docker SDK) packages: .ci/run
installs what is missing.
"""

import os
import sys
import time

# the checks are the modules next to this file; importing them must leave no __pycache__ folder in
# the work tree (.gitignore does not list one)
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import access_logs  # noqa: E402
import central_logs  # noqa: E402
import compose  # noqa: E402
import dockerfiles  # noqa: E402
import env  # noqa: E402
import forwarded_for  # noqa: E402
import k8s  # noqa: E402
import kafka_secrets  # noqa: E402
import kong  # noqa: E402
import realm_secrets  # noqa: E402
import secret_files  # noqa: E402
import spa_headers  # noqa: E402
from findings import failed_checks, problem  # noqa: E402

CHECKS = {module.NAME: module.check for module in [
    compose, kong, forwarded_for, spa_headers, access_logs, realm_secrets, kafka_secrets, k8s,
    dockerfiles, env, central_logs, secret_files]}


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
    failed = failed_checks()
    passed = [n for n in names if n not in failed]
    print(f"deployment checks took {time.monotonic() - started:.1f} s")
    print(f"deployment-checks: {len(passed)} passed, {len(failed)} failed")
    if failed:
        print("failed: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
