"""spa-headers: the SPA's NGINX configuration (deploy/spa), rendered as the image's entrypoint does,
served by a real nginx (Debian's, not started as a service): every kind of answer (a screen, an
asset, the runtime configuration, a missing asset) carries the full set of security headers, and
connect-src allows no whole scheme. The same nginx's access log records /auth/callback without its
?code= (the access-logs check reads the log formats; this one reads a log written).
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time

from findings import info, problem
from repository import path

NAME = "spa-headers"
SPA_TEMPLATES = {"deploy/spa/nginx.conf": "default.conf", "deploy/spa/security-headers.conf": "snippets/security-headers.conf"}
SPA_HEADERS = ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"]


def render_nginx_template(text, env):
    """What the nginx image's 20-envsubst-on-templates.sh does: only variables defined in env."""
    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env.get(m.group(1), m.group(0)), text)


def check():
    """A location with its own add_header inherits none from the server block: ask a real nginx."""
    print("spa-headers: every answer of the SPA's NGINX carries the security headers")
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if not nginx:
        problem(NAME, "nginx is not installed (apt-get install nginx-light): the check needs a real one")
        return
    public_url = "https://chat.example.test"
    env = {"PUBLIC_URL": public_url, "KEYCLOAK_REALM": "blau"}
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # nginx started by root serves files as an unprivileged worker
        conf_d = os.path.join(tmp, "conf.d")
        html = os.path.join(tmp, "html")
        os.makedirs(os.path.join(conf_d, "snippets"))
        os.makedirs(os.path.join(html, "assets"))
        open(os.path.join(html, "index.html"), "w").write("<!doctype html><title>BLAU</title>")
        open(os.path.join(html, "assets", "index-abc123.js"), "w").write("console.log('blau')")
        access_log = os.path.join(tmp, "access.log")
        with socket.socket() as free:
            free.bind(("127.0.0.1", 0))
            port = free.getsockname()[1]
        for template, target in SPA_TEMPLATES.items():
            text = render_nginx_template(open(path(template)).read(), env)
            # the image's paths and port, moved into the scratch folder and a free port
            text = text.replace("/etc/nginx/conf.d/", conf_d + "/").replace("/usr/share/nginx/html", html)
            text = text.replace("access_log /dev/stdout", "access_log " + access_log)
            open(os.path.join(conf_d, target), "w").write(text.replace("listen 8080;", f"listen 127.0.0.1:{port};"))
        main_conf = os.path.join(tmp, "nginx.conf")
        open(main_conf, "w").write(f"""pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    include {conf_d}/*.conf;
}}
""")
        server = subprocess.Popen([nginx, "-p", tmp, "-c", main_conf, "-g", "daemon off;"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        problem(NAME, f"nginx did not start: {server.stdout.read() if server.poll() is not None else 'timeout'}")
                        return
                    time.sleep(0.1)
            for request_path, status in [("/", 200), ("/rooms/42", 200), ("/assets/index-abc123.js", 200),
                                         ("/assets/missing.js", 404), ("/config.json", 200)]:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", request_path)
                answer = connection.getresponse()
                answer.read()
                missing = [h for h in SPA_HEADERS if not answer.getheader(h)]
                csp = answer.getheader("Content-Security-Policy") or ""
                connect_src = next((d.split()[1:] for d in csp.split(";") if d.split()[:1] == ["connect-src"]), None)
                if answer.status != status:
                    problem(NAME, f"GET {request_path}: {answer.status}, expected {status}")
                elif missing:
                    problem(NAME, f"GET {request_path}: no {', '.join(missing)}")
                elif connect_src is None or any(src.endswith(":") for src in connect_src):
                    problem(NAME, f"GET {request_path}: connect-src {connect_src} allows a whole scheme (any host)")
                else:
                    info(f"GET {request_path}: {answer.status} with {', '.join(SPA_HEADERS)} (connect-src {' '.join(connect_src)})")
                connection.close()
            secret_code = "code-" + os.urandom(8).hex()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", f"/auth/callback?code={secret_code}&state=s")
            connection.getresponse().read()
            connection.close()
        finally:
            server.terminate()
            server.wait(10)
        logged = open(access_log).read() if os.path.exists(access_log) else ""
        if "/auth/callback" not in logged:
            problem(NAME, f"the SPA's access log ({access_log}) did not record the request: {logged[-300:]!r}")
        elif secret_code in logged:
            problem(NAME, "the SPA's access log holds the sign-in code of /auth/callback?code=…")
        else:
            info("the SPA's access log records /auth/callback without its query")
