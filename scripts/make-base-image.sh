#!/usr/bin/env bash
# Builds a minimal Java 25 base image for Jib WITHOUT a registry, as a docker-archive tarball:
#   scripts/make-base-image.sh [OUTPUT_TAR]     (default .local/base-image/jre25.tar)
# then: ./mvnw -pl portal -am -DskipTests package jib:buildTar -Djib.from.image=tar://$PWD/.local/base-image/jre25.tar
#
# Used where Docker Hub is unreachable (CI here, the image smoke test); on a laptop Jib's default
# base image (eclipse-temurin:25-jre) is fine. Recipe (TOOLCHAIN.md): jlink a JRE from this
# machine's JDK 25 (the one scripts/jdk.sh picks) into /opt/java, add the shared libraries ldd lists, /etc/passwd with the image user
# 65532, a world-writable /tmp; write manifest.json + config.json + one layer.tar.
# Rebuilt only when missing or older than this script (FORCE=1 rebuilds).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/.local/base-image/jre25.tar}"
if [[ -s "$out" && "$out" -nt "$0" && "${FORCE:-0}" != 1 ]]; then
  echo "base image exists: $out (FORCE=1 rebuilds)"
  exit 0
fi

# The classes are built for release 25: the image's JRE must be 25 or newer too.
# shellcheck source=scripts/jdk.sh
source "$root/scripts/jdk.sh"
java_home="$(jdk_find)" || exit 1
jlink="$java_home/bin/jlink"
[[ -x "$jlink" ]] || { echo "make-base-image: no jlink in $java_home (a JRE, not a JDK: set JAVA_HOME to a JDK 25)" >&2; exit 1; }
for tool in ldd tar sha256sum python3; do
  command -v "$tool" >/dev/null || { echo "make-base-image: $tool is required" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs/opt" "$rootfs/etc" "$rootfs/tmp"
chmod 1777 "$rootfs/tmp"

# The modules Spring Boot, Tomcat, Micrometer and fabric8 use (java.se is the whole standard
# platform; jdk.* for Unsafe-based libraries, EC crypto, management beans, zip file systems, the
# random generators such as L32X64MixRandom (JDK 17+), and extra charsets).
# Modules a newer JDK folded into java.base (jdk.crypto.ec in 22+) are skipped.
wanted=(java.se jdk.unsupported jdk.crypto.ec jdk.management jdk.zipfs jdk.net jdk.random jdk.charsets)
available="$("$java_home/bin/java" --list-modules | sed 's/@.*//')"
modules=()
for module in "${wanted[@]}"; do
  grep -qx "$module" <<<"$available" && modules+=("$module")
done
"$jlink" --add-modules "$(IFS=,; echo "${modules[*]}")" \
  --strip-debug --no-header-files --no-man-pages --output "$rootfs/opt/java"

# Every shared library the JRE's binaries load, at the same path as on this machine, plus the
# dynamic loader. (glibc 2.34+ has nss_files/nss_dns built in, so name resolution works.)
# ldd prints "name => /path (addr)" per library and the loader as "/path (addr)"; libraries of the
# JRE itself resolve into $rootfs and are skipped.
while IFS= read -r lib; do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done < <(find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $2 ~ /^\(/ {print $1}' \
  | grep -v "^$rootfs" | sort -u)

cat >"$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
printf 'root:x:0:\nnonroot:x:65532:\n' >"$rootfs/etc/group"

mkdir -p "$work/image"
tar --numeric-owner --owner=0 --group=0 --sort=name --mtime='2026-01-01 00:00:00' \
  -C "$rootfs" -cf "$work/image/layer.tar" .
diff_id="sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)"
python3 - "$work/image" "$diff_id" <<'PY'
import json, sys
directory, diff_id = sys.argv[1], sys.argv[2]
config = {
    "architecture": "amd64", "os": "linux",
    "config": {"Env": ["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java"],
               "User": "65532:65532"},
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
}
with open(f"{directory}/config.json", "w") as f:
    json.dump(config, f)
with open(f"{directory}/manifest.json", "w") as f:
    json.dump([{"Config": "config.json", "RepoTags": ["hrt-sre/jre-base:25"], "Layers": ["layer.tar"]}], f)
PY
mkdir -p "$(dirname "$out")"
tar -C "$work/image" -cf "$out" manifest.json config.json layer.tar
echo "base image written: $out ($(du -h "$out" | cut -f1))"
