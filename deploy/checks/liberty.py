"""BLAU's Liberty servers as their images hold them: each image's server.xml with the shared files
it includes, and the configuration names the code of its module (and of the project modules it
packages) reads.
"""

import glob
import os
import re
import xml.etree.ElementTree as ET

from container_images import image_builds, parse_dockerfile
from repository import ROOT, path

SHARED_CONFIG_DIR = "liberty-config/src/main/resources"
# Liberty's variable source directory in the images (VARIABLE_SOURCE_DIRS' default,
# ${server.config.dir}/variables): each file in it is the server variable of its name. Secrets
# reach the servers there, as files (compose secrets, Kubernetes Secret volumes).
LIBERTY_VARIABLE_DIRS = ["/config/variables", "/opt/ol/wlp/usr/servers/defaultServer/variables"]

# Variables Liberty defines itself
LIBERTY_BUILTINS = {
    "wlp.install.dir", "wlp.user.dir", "wlp.server.name", "wlp.output.dir", "server.config.dir",
    "server.output.dir", "shared.app.dir", "shared.config.dir", "shared.resource.dir",
    "shared.stackgroup.dir", "usr.extension.dir", "wlp.process.type",
}


def liberty_images():
    """Images that copy a Liberty server.xml (by build key): the image's server configuration."""
    images = {}
    for key, rel, args in image_builds():
        df = parse_dockerfile(rel, args)
        for s in df["stages"]:
            for c in s["copies"]:
                for src in c["srcs"]:
                    if src.endswith("src/main/liberty/config/server.xml") and not c["from"]:
                        images[key] = {"server_xml": src, "module": src.split("/")[0], "dockerfile": df}
    return images


def module_sources(module):
    """The module's own Java sources and those of the project modules it packages (compile scope)."""
    dirs = [os.path.join(module, "src/main/java")]
    pom = path(os.path.join(module, "pom.xml"))
    if os.path.exists(pom):
        ns = {"m": "http://maven.apache.org/POM/4.0.0"}
        tree = ET.parse(pom)
        group = "dev.blau"
        for dep in tree.getroot().findall("m:dependencies/m:dependency", ns):
            g = dep.findtext("m:groupId", "", ns)
            a = dep.findtext("m:artifactId", "", ns)
            scope = dep.findtext("m:scope", "compile", ns)
            if g == group and scope in ("compile", "runtime") and os.path.isdir(path(os.path.join(a, "src/main/java"))):
                dirs.append(os.path.join(a, "src/main/java"))
    return dirs


def code_config_reads(module):
    """Config names the code reads: (name, has_default)."""
    reads = {}
    for d in module_sources(module):
        for f in glob.glob(path(d + "/**/*.java"), recursive=True):
            text = open(f).read()
            for m in re.finditer(r'@ConfigProperty\s*\(([^)]*)\)', text):
                args = m.group(1)
                n = re.search(r'name\s*=\s*"([^"]+)"', args)
                if n:
                    reads[n.group(1)] = reads.get(n.group(1), False) or ("defaultValue" in args)
            # whole literals only: a name built at run time ("kafka." + service + ...) is not a name
            for m in re.finditer(r'\.getValue\(\s*"([^"]+)"\s*,', text):
                reads.setdefault(m.group(1), False)
            for m in re.finditer(r'\.getOptionalValue\(\s*"([^"]+)"\s*,', text):
                reads[m.group(1)] = True
    return reads


def liberty_config(server_xml):
    """Variables (name -> (kind, text)) and the attribute references of a server.xml and its includes."""
    variables, refs, files = {}, set(), []
    todo = [path(server_xml)]
    while todo:
        f = todo.pop(0)
        files.append(os.path.relpath(f, ROOT))
        root = ET.parse(f).getroot()
        for el in root.iter():
            if el.tag == "include":
                loc = el.get("location", "")
                loc = loc.replace("${shared.config.dir}", path(SHARED_CONFIG_DIR)).replace("${server.config.dir}", os.path.dirname(f))
                if not os.path.exists(loc):
                    raise ValueError(f"{os.path.relpath(f, ROOT)} includes {el.get('location')}, which is not in {SHARED_CONFIG_DIR}")
                todo.append(loc)
                continue
            if el.tag == "variable":
                name = el.get("name")
                if el.get("value") is not None:
                    variables[name] = ("value", el.get("value"))
                elif el.get("defaultValue") is not None:
                    variables.setdefault(name, ("default", el.get("defaultValue")))
                continue
            for v in el.attrib.values():
                for m in re.finditer(r"\$\{([^}]+)\}", v):
                    refs.add(m.group(1))
    return variables, refs, files


def env_name(var):
    return re.sub(r"[^A-Za-z0-9]", "_", var).upper()
