"""Prints, one a line, the `docker run` flags that give a container what the rendered Deployment
`boxoffice` gives its container `boxoffice`: the pod's and the container's securityContext,
its resource limits and its ConfigMap's variables; and checks that its probes call /healthz
and /readyz on port 8080. Fails on a securityContext field it cannot carry over, so that the
container check never silently runs something looser than the manifest
(scripts/container-check). Usage: k8s-run-flags.py RENDERED.yaml"""

import sys

import yaml

documents = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
deployment = next(d for d in documents if d["kind"] == "Deployment"
                  and d["metadata"]["name"] == "boxoffice")
config = next(d for d in documents if d["kind"] == "ConfigMap"
              and d["metadata"]["name"] == "boxoffice")
pod = deployment["spec"]["template"]["spec"]
container = next(c for c in pod["containers"] if c["name"] == "boxoffice")
context = {**pod.get("securityContext", {}), **container.get("securityContext", {})}
flags = []


def take(key):
    return context.pop(key, None)


user, group = take("runAsUser"), take("runAsGroup")
if user is None:
    sys.exit("the Deployment does not say which user runs the container")
flags += ["--user", f"{user}:{group if group is not None else user}"]
if take("runAsNonRoot") and user == 0:
    sys.exit("runAsNonRoot with runAsUser 0")
seccomp = take("seccompProfile") or {}
if seccomp.get("type") not in (None, "RuntimeDefault"):
    sys.exit(f"seccompProfile {seccomp} is not Docker's default")
if take("readOnlyRootFilesystem"):
    flags.append("--read-only")
if take("allowPrivilegeEscalation") is False:
    flags += ["--security-opt", "no-new-privileges"]
capabilities = take("capabilities") or {}
for cap in capabilities.pop("drop", []):
    flags += ["--cap-drop", cap]
for cap in capabilities.pop("add", []):
    flags += ["--cap-add", cap]
if capabilities or context:
    sys.exit(f"securityContext fields this check cannot carry over: {capabilities or context}")

limits = container.get("resources", {}).get("limits", {})
if "memory" in limits:
    memory = limits["memory"]
    units = {"Ki": "k", "Mi": "m", "Gi": "g"}
    flags += ["--memory", memory[:-2] + units[memory[-2:]] if memory[-2:] in units else memory]
if "cpu" in limits:
    cpu = str(limits["cpu"])
    flags += ["--cpus", str(int(cpu[:-1]) / 1000) if cpu.endswith("m") else cpu]

ports = {p["name"]: p["containerPort"] for p in container["ports"]}
for probe, path in (("startupProbe", "/healthz"), ("livenessProbe", "/healthz"),
                    ("readinessProbe", "/readyz")):
    get = container[probe]["httpGet"]
    port = ports.get(get["port"], get["port"])
    if (get["path"], port) != (path, 8080):
        sys.exit(f"{probe} calls {get['path']} on {port}; the check probes {path} on 8080")

for name, value in config["data"].items():
    flags += ["-e", f"{name}={value}"]
print("\n".join(flags))
