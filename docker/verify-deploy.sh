#!/usr/bin/env bash
# ./mindflow verify-deploy: MindFlow in real containers, on this machine, without a registry.
#
#  1. Debian's podman, buildah, netavark, aardvark-dns, debootstrap, … (installed once, quietly).
#  2. A Java base image made here: debootstrap (minbase, trixie, OpenJDK 25 — what the local stack runs; on 21
#     virtual threads pinned in synchronized blocks hung projection-service's start-up — with curl and socat) and `podman import`; the rootfs tarball is kept in .mindflow/cache/deploy between runs.
#  3. The project's images from docker/Dockerfile (BUILD_IMAGE and RUNTIME_IMAGE = that base; PREBUILT_JAR = the
#     jar ./mindflow test built and tested), and the store substitutes from docker/substitutes/.
#  4. A podman API service in a network namespace of its own: the containers' networks, published ports and
#     firewall rules stay there, so nothing collides with what runs on the host (a developer's ./mindflow up,
#     another test run on 8080 …).
#  5. system-tests' deploy tests (Maven profile verify-deploy; Testcontainers against that service, Ryuk off):
#     docker-compose.yml with docker/compose.substitutes.yml, and the local Kubernetes overlay's Deployments with
#     `podman play kube`, each passing the walking-skeleton journey through the gateway.
#
# --base-only stops after step 2 (it needs no build), --images-only after step 3 (then run compose by hand:
# docker/README.md), and --tests-only skips step 3 for the images an --images-only made: .ci/run does each part
# beside the tests. Other arguments go to Maven (e.g.
# -Dit.test=ComposeDeployIT). MINDFLOW_DEPLOY_KEEP=1 leaves the podman service
# and its namespace up afterwards (containers of a failed test stay for a look: see docker/README.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
HOME_DIR="${MINDFLOW_HOME:-$ROOT/.mindflow}"
CACHE="$HOME_DIR/cache/deploy"
RUN="$HOME_DIR/deploy"
LOG="$HOME_DIR/logs/verify-deploy.log"
NETNS="${MINDFLOW_DEPLOY_NETNS:-mindflow-deploy}"
SOCKET="$RUN/podman.sock"
DEBIAN_SUITE=trixie
BASE_IMAGE="localhost/mindflow/debian-java:25-$DEBIAN_SUITE"
STORE_IMAGE="localhost/mindflow/store-substitute:local"
MODULES=(db-migrations auth-service command-service query-service projection-service ai-processing-service api-gateway)
PACKAGES=(podman buildah netavark aardvark-dns slirp4netns uidmap debootstrap catatonit socat)

say() { echo "verify-deploy: $*"; }
die() { echo "verify-deploy: $*" >&2; exit 1; }
seconds_since() { echo $(( $(date +%s) - $1 )); }

mkdir -p "$CACHE" "$RUN" "$(dirname "$LOG")"
: >"$LOG"
T0=$(date +%s)

# ---------------------------------------------------------------- 1. tools ----------------------------------------
ensure_packages() {
  local missing=() package
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 || die "needs root and apt-get to install ${missing[*]}"
  say "installing ${missing[*]} from Debian ..."
  export DEBIAN_FRONTEND=noninteractive
  # Waits for dpkg's lock rather than failing: ./mindflow test may be installing its own tools at the same time.
  local apt=(apt-get -o DPkg::Lock::Timeout=600)
  if ! "${apt[@]}" install -y -qq "${missing[@]}" >>"$LOG" 2>&1; then
    "${apt[@]}" update -qq >>"$LOG" 2>&1 || die "apt-get update failed; see $LOG"
    "${apt[@]}" install -y -qq "${missing[@]}" >>"$LOG" 2>&1 || die "apt-get install ${missing[*]} failed; see $LOG"
  fi
}

# podman 4.3 on this kind of machine: the sandbox refuses to raise rlimits (even for root), crun refuses the hybrid
# cgroup layout, and there is no systemd (cgroups, events and healthcheck timers).
write_containers_conf() {
  cat >"$RUN/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
# docker-compose names the project's images by short names (mindflow/auth-service:local); podman's Docker API would
# otherwise read them as docker.io/mindflow/… and try to pull instead of using the local localhost/mindflow/… image.
compat_api_enforce_docker_hub = false

[network]
# A CNI configuration another package left in /etc/cni/net.d would otherwise make podman pick CNI.
network_backend = "netavark"
EOF
  export CONTAINERS_CONF="$RUN/containers.conf"
}

# ---------------------------------------------------------------- 2. base image -----------------------------------
debian_mirror() {  # the mirror apt uses
  local mirror
  mirror="$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ \
    2>/dev/null | grep -oE 'https?://[^ ]+' | head -1 || true)"
  echo "${mirror:-http://deb.debian.org/debian}"
}

ensure_base_image() {
  podman image exists "$BASE_IMAGE" && return 0
  local tarball="$CACHE/debian-java25-$DEBIAN_SUITE.tar"
  if [ ! -s "$tarball" ]; then
    local t rootfs="$CACHE/rootfs.tmp"
    t=$(date +%s)
    say "making the base image with debootstrap ($DEBIAN_SUITE, minbase, OpenJDK 25; a few minutes, once) ..."
    rm -rf "$rootfs"
    nice -n 10 debootstrap --variant=minbase \
      --include=openjdk-25-jdk-headless,curl,ca-certificates,socat,procps \
      "$DEBIAN_SUITE" "$rootfs" "$(debian_mirror)" >>"$LOG" 2>&1 || die "debootstrap failed; see $LOG"
    chroot "$rootfs" apt-get clean >>"$LOG" 2>&1 || true
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
    tar --numeric-owner -C "$rootfs" -cf "$tarball.tmp" . && mv -f "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
    say "rootfs cached in $tarball ($(seconds_since "$t") s)"
  fi
  podman import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' "$tarball" "$BASE_IMAGE" >>"$LOG" 2>&1 \
    || die "podman import failed; see $LOG"
}

# ---------------------------------------------------------------- 3. images ---------------------------------------
ensure_jars() {
  local module missing=()
  for module in "${MODULES[@]}"; do [ -f "$module/target/$module.jar" ] || missing+=("$module"); done
  [ -f local-stack/target/local-stack.jar ] && [ -d local-stack/target/lib ] || missing+=(local-stack)
  [ ${#missing[@]} -eq 0 ] && return 0
  say "building jars (${missing[*]} missing: ./mvnw -B -q -DskipTests package) ..."
  ./mvnw -B -q -DskipTests package >>"$LOG" 2>&1 || die "the build failed; see $LOG"
}

# A context of its own per image: only what the image needs (hard links, so nothing is copied on disk).
stage() {  # stage DIR FILE...: DIR holds exactly the given files, flat
  rm -rf "$1" && mkdir -p "$1"
  local dir="$1"
  shift
  cp -al "$@" "$dir"/ 2>/dev/null || cp -a "$@" "$dir"/
}

build_images() {
  local module t
  for module in "${MODULES[@]}"; do
    t=$(date +%s)
    stage "$RUN/context/$module/prebuilt" "$module/target/$module.jar"
    nice -n 10 podman build --network none -q -f docker/Dockerfile \
      --build-arg MODULE="$module" --build-arg PREBUILT_JAR="prebuilt/$module.jar" \
      --build-arg BUILD_IMAGE="$BASE_IMAGE" --build-arg RUNTIME_IMAGE="$BASE_IMAGE" \
      -t "mindflow/$module:local" "$RUN/context/$module" >>"$LOG" 2>&1 \
      || die "building mindflow/$module:local failed; see $LOG"
    say "image mindflow/$module:local ($(seconds_since "$t") s)"
  done
  t=$(date +%s)
  stage "$RUN/context/store" local-stack/target/local-stack.jar local-stack/target/lib \
    docker/substitutes/mindflow-store docker/substitutes/mindflow-store-ready
  nice -n 10 podman build --network none -q -f docker/substitutes/Dockerfile --build-arg BASE_IMAGE="$BASE_IMAGE" \
    -t "$STORE_IMAGE" "$RUN/context/store" >>"$LOG" 2>&1 || die "building $STORE_IMAGE failed; see $LOG"
  say "image $STORE_IMAGE ($(seconds_since "$t") s)"
  podman image prune -f >>"$LOG" 2>&1 || true   # the previous builds' layers, now untagged
}

# ---------------------------------------------------------------- 4. podman service -------------------------------
SERVICE_PID=""
stop_service() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  # Containers of an earlier run that was killed: stop them so the namespace can go.
  if [ -e "/run/netns/$NETNS" ]; then
    ip netns pids "$NETNS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$NETNS" 2>/dev/null || true
  fi
  rm -f "$SOCKET"
}

start_service() {
  stop_service
  ip netns add "$NETNS"
  ip -n "$NETNS" link set lo up
  nsenter --net="/run/netns/$NETNS" podman system service --time=0 "unix://$SOCKET" >>"$RUN/podman-service.log" 2>&1 &
  SERVICE_PID=$!
  local i
  for i in $(seq 1 100); do
    [ -S "$SOCKET" ] && podman --remote --url "unix://$SOCKET" version >/dev/null 2>&1 && return 0
    kill -0 "$SERVICE_PID" 2>/dev/null || die "the podman service died; see $RUN/podman-service.log"
    sleep 0.2
  done
  die "the podman service did not answer on $SOCKET; see $RUN/podman-service.log"
}

# Whatever an earlier run of these tests left in podman's storage (it holds names and volumes). Only ours: the
# compose projects ComposeDeployIT names mindflowdeploy<random> and the pods and containers labelled
# mindflow.verify-deploy (KubeDeployIT); podman's storage is shared with anything else on the machine.
remove_leftovers() {
  local ids
  podman() { command podman --remote --url "unix://$SOCKET" "$@"; }
  ids="$(podman pod ps -q --filter label=mindflow.verify-deploy 2>/dev/null || true)"
  [ -n "$ids" ] && podman pod rm -f $ids >>"$LOG" 2>&1 || true
  ids="$(podman ps -aq --filter label=mindflow.verify-deploy 2>/dev/null || true)"
  [ -n "$ids" ] && podman rm -f $ids >>"$LOG" 2>&1 || true
  ids="$(podman ps -a --format '{{.ID}} {{index .Labels "com.docker.compose.project"}}' 2>/dev/null \
    | awk '$2 ~ /^mindflowdeploy/ {print $1}' || true)"
  [ -n "$ids" ] && podman rm -f $ids >>"$LOG" 2>&1 || true
  ids="$(podman volume ls -q 2>/dev/null | grep -E '^mindflowdeploy' || true)"
  [ -n "$ids" ] && podman volume rm -f $ids >>"$LOG" 2>&1 || true
  # A killed KubeDeployIT also leaves the volumes play kube made for the overlay's PVC and configMap volumes.
  ids="$(podman volume ls -q 2>/dev/null | grep -E '^(auth-keys|s3-init-script-[a-z0-9]+)$' || true)"
  [ -n "$ids" ] && podman volume rm -f $ids >>"$LOG" 2>&1 || true
  ids="$(podman network ls -q 2>/dev/null | grep -E '^(mindflowdeploy|mindflow-kube)' || true)"
  [ -n "$ids" ] && podman network rm -f $ids >>"$LOG" 2>&1 || true
  unset -f podman
}

# ---------------------------------------------------------------- main ----------------------------------------------
mode=all
case "${1:-}" in --base-only|--images-only|--tests-only) mode="${1#--}"; shift ;; esac
ensure_packages
write_containers_conf
t=$(date +%s); ensure_base_image; say "base image $BASE_IMAGE ready ($(seconds_since "$t") s)"
[ "$mode" = base-only ] && exit 0
if [ "$mode" = tests-only ]; then
  for module in "${MODULES[@]}"; do
    podman image exists "mindflow/$module:local" || die "no image mindflow/$module:local: run --images-only first"
  done
  podman image exists "$STORE_IMAGE" || die "no image $STORE_IMAGE: run --images-only first"
else
  ensure_jars
  build_images
fi
if [ "$mode" = images-only ]; then say "images ready ($(seconds_since "$T0") s)"; exit 0; fi
if [ "${MINDFLOW_DEPLOY_KEEP:-0}" != 1 ]; then trap stop_service EXIT; fi
start_service
remove_leftovers
say "podman API on $SOCKET in network namespace $NETNS; running the deploy tests ..."
status=0
DOCKER_HOST="unix://$SOCKET" TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_CHECKS_DISABLE=true \
  MINDFLOW_PODMAN_SOCKET="$SOCKET" MINDFLOW_DEPLOY_NETNS="$NETNS" MINDFLOW_STORE_IMAGE="$STORE_IMAGE" \
  ./mvnw -B verify -pl system-tests -Pverify-deploy "$@" || status=$?
say "done in $(seconds_since "$T0") s (exit $status)"
exit "$status"
