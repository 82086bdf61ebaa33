#!/usr/bin/env bash
# Runs every TimeActors test on a fresh machine: installs the tools the tests use (Debian packages),
# builds the solution once in Release and runs all test projects, then prints one summary line
# "N passed, N failed, N skipped". Exits non-zero on any build error or failed test.
#
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Hocon]
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests drive as real peers or tools:
#   iproute2  - network namespaces and veth pairs for kernel tests
#   adjtimex  - read-only comparison of our timex marshalling
#   tshark    - dissects the NTP packets we serialize
#   chrony    - chronyd (always run with -x, never touching the clock) as server and client peer, chronyc
#   ntpsec-ntpdig - ntpdig, the SNTP client the end-to-end tests query servers with
#   sntp      - the `sntp` name for ntpdig (a symlink on Debian), tested as its own client name
#   prometheus - a real Prometheus scrapes our metrics endpoint; promtool checks our exposition and alert rules
#   systemd   - systemd-analyze verifies the hardened unit in deploy/systemd (nothing is started)
APT_PACKAGES=(iproute2 adjtimex tshark chrony ntpsec-ntpdig sntp prometheus systemd)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  # Packages such as chrony start their daemon on install; a daemon must never run here (it could
  # write the system clock), so service starts are denied for the duration of the install.
  created_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo_cmd[@]}" chmod +x /usr/sbin/policy-rc.d
    created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
  if ((created_policy)); then "${sudo_cmd[@]}" rm -f /usr/sbin/policy-rc.d; fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build TimeActors.sln -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# -m:1 runs the test projects one after another: several of them measure wall-clock precision or
# real packet timing, and two cores shared by all projects at once would measure the machine instead.
dotnet test TimeActors.sln -c Release --no-build -nologo -m:1 --blame-hang-timeout 5m "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum the per-assembly result lines into one plain summary line.
read -r passed failed skipped < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
  awk -F'[:,]' '{f+=$2; p+=$4; s+=$6} END {printf "%d %d %d\n", p, f, s}')
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if ((status != 0 || failed != 0)); then exit 1; fi
if ((passed == 0)); then echo "test.sh: no test ran" >&2; exit 1; fi
