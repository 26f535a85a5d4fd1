"""forwarded-for: Kong rate-limits by client address, so the address must come from the proxy in
front, never from the client: the edge replaces X-Forwarded-For with the address it sees, Kong
trusts X-Forwarded-For from the edge alone and reads its last entry only (no recursive lookup).
"""

from compose_project import compose_config
from container_images import parse_dockerfile
from findings import info, problem
from repository import EDGE_CONFIGS, path

NAME = "forwarded-for"


def check():
    """Kong rate-limits by client address: it must come from the proxy in front, never from the client."""
    print("forwarded-for: the edge replaces X-Forwarded-For, Kong trusts only the edge and reads one entry")
    kong_env = parse_dockerfile("deploy/kong/Dockerfile")["env"]
    if kong_env.get("KONG_REAL_IP_HEADER") != "X-Forwarded-For" or kong_env.get("KONG_REAL_IP_RECURSIVE") != "off":
        problem(NAME, "deploy/kong/Dockerfile: KONG_REAL_IP_RECURSIVE must be off (the last entry is the "
                "one the trusted proxy wrote; recursive lookup lets a forged entry further left through)")
    for f in EDGE_CONFIGS:
        for line in open(path(f)):
            words = line.split()
            if words[:2] == ["proxy_set_header", "X-Forwarded-For"] and words[2] != "$remote_addr;":
                problem(NAME, f"{f}: X-Forwarded-For must be set to $remote_addr, not {words[2]} "
                        "(appending keeps what the client sent)")
    conf, err = compose_config(["docker-compose.yml"])
    if conf is None:
        problem(NAME, f"docker-compose.yml: {err}")
        return
    trusted = str(conf["services"]["kong"].get("environment", {}).get("KONG_TRUSTED_IPS", ""))
    edge_networks = conf["services"]["edge"].get("networks") or {}
    edge_address = (edge_networks.get("edge") or {}).get("ipv4_address") if isinstance(edge_networks, dict) else None
    if not edge_address:
        problem(NAME, "docker-compose.yml: the edge needs a fixed ipv4_address on the edge network")
    elif trusted.split(",") != [edge_address]:
        problem(NAME, f"docker-compose.yml: KONG_TRUSTED_IPS is {trusted!r}; trust only the edge ({edge_address})")
    else:
        info(f"Kong trusts X-Forwarded-For from the edge only ({edge_address})")
