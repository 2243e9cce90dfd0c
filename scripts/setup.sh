#!/usr/bin/env bash
# Installs what building and testing Loopscope needs, and nothing else.
#
# Idempotent: every step first checks whether its tool is already there (seconds when all
# is present) and installs only what is missing. Non-interactive, so it runs in CI with no
# stdin. Expects rustup/cargo, Node >= 20 with npm, and Debian's apt (as root or with
# passwordless sudo) for the browser. Network use is limited to the package registries:
# crates (cargo install), Debian (apt-get) and npm (npm ci).
#
# On a fresh machine the installs are most of the time: the two cargo installs (wasm-pack
# and wasm-bindgen-cli, built from source) run side by side, and the downloads (Miri,
# Chromium, npm) beside them. They start together once every check has passed (so a failed
# check leaves nothing running), and a job's output is printed if it fails.
#
# Versions:
#   wasm-pack          pinned below (WASM_PACK_VERSION overrides)
#   wasm-bindgen-cli   exactly the version of the wasm-bindgen crate in Cargo.lock: the CLI
#                      and the crate must match, or wasm-pack falls back to a slow cargo
#                      install of its own into its cache.
#   chromium, chromium-driver   from Debian, so browser and driver versions always match.
# Debian's binaryen (wasm-opt 108) corrupts wasm-bindgen 0.2.13x output, so it is never
# installed here; Cargo.toml turns wasm-opt off for wasm-pack.
set -euo pipefail

WASM_PACK_VERSION="${WASM_PACK_VERSION:-0.15.1}"
WASM_TARGET=wasm32-unknown-unknown

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_PROGRESS_WHEN=never

ok()   { echo "ok: $*"; }
info() { echo "installing: $*"; }
die()  { echo "setup: error: $*" >&2; exit 1; }

# Installs that run side by side: `job NAME FUNCTION` names one, `run_jobs` starts them all,
# waits for each, prints a failed one's output under its name, and fails if any failed.
job_names=()
job_funcs=()
job() {
  job_names+=("$1")
  job_funcs+=("$2")
}
run_jobs() {
  [ ${#job_funcs[@]} -gt 0 ] || return 0
  local i pids=() failed=() logs
  logs="$(mktemp -d)"
  for i in "${!job_funcs[@]}"; do
    info "${job_names[$i]}"
    ( "${job_funcs[$i]}" ) >"$logs/$i.log" 2>&1 &
    pids+=("$!")
  done
  for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then
      ok "${job_names[$i]}"
    else
      failed+=("${job_names[$i]}")
      echo "--- ${job_names[$i]} failed; its output:" >&2
      cat "$logs/$i.log" >&2
    fi
  done
  rm -rf "$logs"
  [ ${#failed[@]} -eq 0 ] || die "could not install: ${failed[*]}"
}

# --- Rust ------------------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found; install Rust with rustup first (https://rustup.rs)"
command -v rustup >/dev/null || die "rustup not found; the wasm target is added with rustup"

# Lists are read into variables first: with pipefail, `cmd | grep -q` can fail on SIGPIPE.
targets="$(rustup target list --installed)"
if grep -qx "$WASM_TARGET" <<<"$targets"; then
  ok "rust target $WASM_TARGET"
else
  info "rust target $WASM_TARGET"
  rustup target add "$WASM_TARGET"
fi

# rustfmt and clippy: `make test` checks the format and the lints first.
components="$(rustup component list --installed)"
for component in rustfmt clippy; do
  if grep -q "^$component" <<<"$components"; then
    ok "rust component $component"
  else
    info "rust component $component"
    rustup component add "$component"
  fi
done

# Miri (nightly): `make test` runs the runtime's native tests under it.
if rustup run nightly cargo miri --version >/dev/null 2>&1 \
  && grep -q "^rust-src" <<<"$(rustup component list --installed --toolchain nightly 2>/dev/null)"; then
  ok "miri (nightly)"
else
  install_miri() {
    if ! rustup toolchain list | grep -q "^nightly"; then
      rustup toolchain install nightly --profile minimal || die "could not install the nightly toolchain, which Miri needs"
    fi
    rustup component add --toolchain nightly miri rust-src || die "could not add Miri to the nightly toolchain"
  }
  job "miri and rust-src (nightly toolchain)" install_miri
fi

# --- wasm-pack -------------------------------------------------------------------------
installed="$(cargo install --list)"
if grep -qx "wasm-pack v$WASM_PACK_VERSION:" <<<"$installed" && command -v wasm-pack >/dev/null; then
  ok "wasm-pack $WASM_PACK_VERSION"
else
  install_wasm_pack() { cargo install wasm-pack --version "$WASM_PACK_VERSION"; }
  job "wasm-pack $WASM_PACK_VERSION (cargo install, ~4 min on 2 cores)" install_wasm_pack
fi

# --- wasm-bindgen-cli, same version as the crate ---------------------------------------
if [ ! -f Cargo.toml ]; then
  ok "wasm-bindgen-cli skipped: no Cargo.toml yet"
else
  if [ ! -f Cargo.lock ]; then
    info "Cargo.lock (cargo generate-lockfile)"
    cargo generate-lockfile
  fi
  # The version line follows the name line inside the crate's [[package]] entry.
  wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/^version = "|"$/, ""); print; exit }' Cargo.lock)"
  [ -n "$wb_version" ] || die "no wasm-bindgen crate in Cargo.lock; the crate must depend on wasm-bindgen"
  have="$(wasm-bindgen --version 2>/dev/null || true)"
  if [ "$have" = "wasm-bindgen $wb_version" ]; then
    ok "wasm-bindgen-cli $wb_version"
  else
    # No --locked: the CLI's own lock file names a crate version the registry mirror lacks.
    install_wasm_bindgen() { cargo install wasm-bindgen-cli --version "$wb_version"; }
    job "wasm-bindgen-cli $wb_version (had: ${have:-none}; cargo install, ~4.5 min on 2 cores)" install_wasm_bindgen
  fi
fi

# --- Chromium + chromedriver (Debian) --------------------------------------------------
if [ -x /usr/bin/chromium ] && command -v chromedriver >/dev/null; then
  # Debian's chromium wrapper prints a harmless shell warning on stderr: drop it.
  ok "$(chromium --version 2>/dev/null | head -n1) / $(chromedriver --version | cut -d' ' -f1-2)"
else
  apt_cmd=()
  if [ "$(id -u)" -eq 0 ]; then
    apt_cmd=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    apt_cmd=(sudo -n)
  else
    cat >&2 <<'MSG'
setup: error: Chromium and chromedriver are missing, and installing them needs root.
  Run as root (or with passwordless sudo):
    apt-get update && apt-get install -y chromium chromium-driver
  then run this script again.
MSG
    exit 1
  fi
  install_chromium() {
    export DEBIAN_FRONTEND=noninteractive
    "${apt_cmd[@]}" apt-get update -qq
    "${apt_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
    [ -x /usr/bin/chromium ] && command -v chromedriver >/dev/null \
      || die "apt-get finished but /usr/bin/chromium or chromedriver is still missing"
  }
  job "chromium chromium-driver (apt-get)" install_chromium
fi

# --- npm packages of the page tests ----------------------------------------------------
command -v node >/dev/null || die "node not found; Node >= 20 is needed for the page tests"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node >= 20 needed, found $(node --version)"

e2e="$root/tests/e2e"
# npm ci writes node_modules/.package-lock.json last; it is the stamp of a complete install.
stamp="$e2e/node_modules/.package-lock.json"
if [ -f "$stamp" ] && [ ! "$e2e/package-lock.json" -nt "$stamp" ]; then
  ok "npm packages in tests/e2e"
else
  install_npm() { cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error; }
  job "npm packages in tests/e2e (npm ci)" install_npm
fi

run_jobs
