# Shared by scripts/run and scripts/test: the Debian packages BGP Lens needs, installed when
# missing (Debian 12; needs root or sudo).

# Building the GUI and the CLI.
BGPLENS_BUILD_PACKAGES=(
  g++ cmake ninja-build pkg-config ccache
  qt6-base-dev qt6-charts-dev libqt6svg6 libgl-dev
  libpcap-dev zlib1g-dev libbz2-dev liblzma-dev
  fonts-dejavu-core
)
# Running the tests and benchmarks on top of that.
BGPLENS_TEST_PACKAGES=(
  googletest libgtest-dev libbenchmark-dev nlohmann-json3-dev
  clang libclang-rt-14-dev bgpdump tshark
  gobgpd bird2 frr
)

bgplens_ensure_packages() {
  local missing=()
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing Debian packages: ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
