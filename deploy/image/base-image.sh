#!/usr/bin/env bash
# Builds the container image's base, a Java 17 runtime from Debian's own packages, as a docker-archive tarball
# (the `docker save` format), without Docker and without a container registry. The Quarkus build reads it through
# quarkus.jib.base-jvm-image=tar://… (README, "Container image"). Needs apt-get (Debian 12), dpkg-deb and python3.
#
#   deploy/image/base-image.sh [target/base-image/debian12-openjdk17.tar]
set -euo pipefail

out=$(realpath -m "${1:-target/base-image/debian12-openjdk17.tar}")
jdk=usr/lib/jvm/java-17-openjdk-amd64
# The JRE and what its native libraries link (ldd of bin/java and lib/*.so on Debian 12); no shell, no package manager.
packages=(libc6 libgcc-s1 libstdc++6 zlib1g openjdk-17-jre-headless)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debs" "$work/rootfs"
(cd "$work/debs" && apt-get download -q "${packages[@]}" >/dev/null)
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$work/rootfs"
done

root=$work/rootfs
# What the packages' maintainer scripts would have made: the CA store the JDK links to (built by ca-certificates-java
# from the system's certificates; taken from this machine), a user for the service, its working directory.
mkdir -p "$root/etc/ssl/certs/java" "$root/tmp" "$root/srv/lead-router/rules" "$root/srv/lead-router/decision-tables"
if [ -f /etc/ssl/certs/java/cacerts ]; then
  cp /etc/ssl/certs/java/cacerts "$root/etc/ssl/certs/java/cacerts"
else
  echo "warning: no /etc/ssl/certs/java/cacerts here (apt-get install ca-certificates-java): TLS to CRMs will fail" >&2
fi
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nleadrouter:x:185:185:Lead Router:/srv/lead-router:/sbin/nologin\n' \
  > "$root/etc/passwd"
printf 'root:x:0:\nleadrouter:x:185:\n' > "$root/etc/group"

mkdir -p "$(dirname "$out")"
python3 - "$root" "$out" "$jdk" <<'PY'
import hashlib, io, json, os, sys, tarfile, time

root, out, jdk = sys.argv[1], sys.argv[2], sys.argv[3]

def owner(info):
    # Everything belongs to root except the service's own directory (its rules volumes are written at run time).
    service = info.name == "srv/lead-router" or info.name.startswith("srv/lead-router/")
    info.uid = info.gid = 185 if service else 0
    info.uname = info.gname = ""
    info.mtime = 0  # reproducible: the same packages give the same layer
    return info

layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as tar:
    for entry in sorted(os.listdir(root)):
        tar.add(os.path.join(root, entry), arcname=entry, filter=owner)
layer_bytes = layer.getvalue()
diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()
config = {
    "architecture": "amd64", "os": "linux",
    "config": {
        "Env": ["PATH=/" + jdk + "/bin:/usr/bin:/bin", "JAVA_HOME=/" + jdk, "LANG=C.UTF-8"],
        "User": "185",
        "WorkingDir": "/srv/lead-router",
        # The rule directories the service reads (routing.rules-dir=rules, relative to the working directory).
        "Volumes": {"/srv/lead-router/rules": {}, "/srv/lead-router/decision-tables": {}},
    },
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    "history": [{"created": "1970-01-01T00:00:00Z",
                 "created_by": "deploy/image/base-image.sh: Debian 12 libc6 libgcc-s1 libstdc++6 zlib1g openjdk-17-jre-headless"}],
    "created": "1970-01-01T00:00:00Z",
}
config_bytes = json.dumps(config, sort_keys=True).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
manifest = [{"Config": config_name, "RepoTags": ["lead-router-base:debian12-openjdk17"], "Layers": ["layer.tar"]}]
with tarfile.open(out, mode="w") as archive:
    for name, data in (("layer.tar", layer_bytes), (config_name, config_bytes),
                       ("manifest.json", json.dumps(manifest).encode())):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
print(out, len(layer_bytes) // (1024 * 1024), "MiB layer", diff_id)
PY
