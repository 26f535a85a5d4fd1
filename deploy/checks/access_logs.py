"""access-logs: tickets (?ticket=) and sign-in codes (?code=) travel in query strings, so no access
log of the edge, Kong or the SPA's NGINX may write one: their log formats use the path alone.
"""

import re

from container_images import parse_dockerfile
from findings import info, problem
from repository import path

NAME = "access-logs"
# nginx variables that hold the query string (the whole request line, the arguments)
QUERY_VARIABLES = re.compile(r"\\?\$(request|request_uri|args|query_string)(?![A-Za-z0-9_])|\\?\$arg_")


def check():
    """Tickets (?ticket=) and OIDC codes (?code=) are in query strings: no access log may write one."""
    print("access-logs: the edge, Kong and the SPA log paths without their query strings")
    for rel in ["deploy/edge/nginx.conf", "deploy/spa/nginx.conf"]:
        text = open(path(rel)).read()
        formats = dict(re.findall(r"^\s*log_format\s+(\S+)\s+(?:escape=\S+\s+)?(.*?);\s*$", text, re.M | re.S))
        uses = re.findall(r"^\s*access_log\s+(\S+)(?:\s+(\S+?))?;", text, re.M)
        for target, fmt in uses:
            if target == "off":
                continue
            if not fmt or fmt not in formats:
                problem(NAME, f"{rel}: access_log {target} uses {fmt or 'the default (combined) format'}, "
                        "which writes the whole request line")
            elif QUERY_VARIABLES.search(formats[fmt]):
                problem(NAME, f"{rel}: log_format {fmt} writes a query string")
            else:
                info(f"{rel}: access_log {target} {fmt} writes the path only")
        if not uses:
            problem(NAME, f"{rel}: no access_log of its own (the image's default format logs the query)")
    env = parse_dockerfile("deploy/kong/Dockerfile")["env"]
    target_format = env.get("KONG_PROXY_ACCESS_LOG", "").split()
    log_format = env.get("KONG_NGINX_HTTP_LOG_FORMAT", "")
    if len(target_format) != 2 or not log_format.startswith(target_format[1] + " "):
        problem(NAME, "deploy/kong/Dockerfile: KONG_PROXY_ACCESS_LOG must name a format of "
                "KONG_NGINX_HTTP_LOG_FORMAT (Kong's default writes the whole request line)")
    elif QUERY_VARIABLES.search(log_format):
        problem(NAME, "deploy/kong/Dockerfile: Kong's access log format writes a query string")
    else:
        info(f"Kong's proxy access log ({target_format[1]}) writes the path only")
