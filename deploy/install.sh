#!/usr/bin/env bash
# Installs (or upgrades) TimeActors as a systemd service:
#   - publishes src/TimeActors.Service (dotnet publish) unless --from names a published directory,
#   - installs it to PREFIX/lib/timeactors with PREFIX/bin/timeactors pointing at it,
#   - creates the `timeactors` system user and group,
#   - installs the unit as /etc/systemd/system/timeactors.service (ExecStart pointed at PREFIX),
#   - installs /etc/timeactors/timeactors.conf from deploy/config/timeactors.conf, never replacing an
#     existing file (the new example lands beside it as timeactors.conf.example),
#   - reloads systemd and, on an upgrade, restarts the service if it was running.
# It can run again at any time: each step checks what is already there.
#
# Usage: deploy/install.sh [--prefix DIR] [--from DIR] [--root DIR] [--self-contained RID]
#                          [--enable] [--dry-run] [--uninstall [--purge]]
#   --prefix DIR      where the program goes (default /usr/local)
#   --from DIR        install this `dotnet publish` output instead of publishing
#   --root DIR        stage everything below DIR (packaging, tests): no user, no systemctl
#   --self-contained RID  publish with the .NET runtime included (e.g. linux-x64); needs the runtime pack
#   --enable          also `systemctl enable --now timeactors` (this stops chrony/ntpd/timesyncd: the unit conflicts with them)
#   --dry-run         print what would be done, change nothing
#   --uninstall       stop, disable and remove program and unit; the configuration stays unless --purge
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
prefix=/usr/local
from=""
root=""
rid=""
enable=0
dry=0
uninstall=0
purge=0

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while (($#)); do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
    --from) from=${2:?--from needs a directory}; shift 2 ;;
    --root) root=${2:?--root needs a directory}; shift 2 ;;
    --self-contained) rid=${2:?--self-contained needs a runtime identifier}; shift 2 ;;
    --enable) enable=1; shift ;;
    --dry-run) dry=1; shift ;;
    --uninstall) uninstall=1; shift ;;
    --purge) purge=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ $prefix == /* ]] || { echo "install.sh: --prefix must be absolute" >&2; exit 2; }
root=${root%/}

libdir=$prefix/lib/timeactors
bindir=$prefix/bin
docdir=$prefix/share/doc/timeactors
unit=/etc/systemd/system/timeactors.service
confdir=/etc/timeactors
conf=$confdir/timeactors.conf

# Runs a command, or only shows it with --dry-run.
run() {
  if ((dry)); then
    printf '+ %s\n' "$*"
  else
    "$@"
  fi
}

# systemctl only on a real install on a host that runs systemd.
have_systemd() { [[ -z $root && -d /run/systemd/system ]] && command -v systemctl >/dev/null; }

if ((!dry)) && [[ -z $root ]] && ((EUID != 0)); then
  echo "install.sh: run as root (or with --dry-run / --root DIR)" >&2
  exit 1
fi

if ((uninstall)); then
  if have_systemd; then
    run systemctl disable --now timeactors.service || true
  fi
  run rm -f "$root$unit" "$root$bindir/timeactors"
  run rm -rf "$root$libdir" "$root$docdir"
  if ((purge)); then
    run rm -rf "$root$confdir" "$root/var/lib/timeactors" "$root/var/log/timeactors"
    if [[ -z $root ]] && getent passwd timeactors >/dev/null; then run userdel timeactors; fi
  fi
  if have_systemd; then run systemctl daemon-reload; fi
  echo "install.sh: TimeActors removed$( ((purge)) || echo "; $confdir kept (--purge removes it)")"
  exit 0
fi

# 1. The program: published once into a temporary directory, then copied into place.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z $from ]]; then
  from=$work/publish
  publish=(dotnet publish "$repo/src/TimeActors.Service/TimeActors.Service.csproj" -c Release -o "$from" -nologo)
  if [[ -n $rid ]]; then publish+=(-r "$rid" --self-contained true); else publish+=(--self-contained false); fi
  run "${publish[@]}"
fi
if ((!dry)) && [[ ! -x $from/timeactors ]]; then
  echo "install.sh: $from/timeactors is missing (not a publish directory of TimeActors.Service)" >&2
  exit 1
fi

# A new directory swapped in whole: a running service keeps its open files, no mix of versions.
run mkdir -p "$root$prefix/lib" "$root$bindir" "$root$docdir"
run rm -rf "$root$libdir.new"
run cp -a "$from" "$root$libdir.new"
run chmod -R u=rwX,go=rX "$root$libdir.new"
run rm -rf "$root$libdir.old"
if [[ -e $root$libdir ]]; then run mv -T "$root$libdir" "$root$libdir.old"; fi
run mv -T "$root$libdir.new" "$root$libdir"
run rm -rf "$root$libdir.old"
run ln -sfn "$libdir/timeactors" "$root$bindir/timeactors"
for doc in "$repo/docs/operations.md" "$repo/src/TimeActors.Service/docs/operations-cli.md" "$repo/docs/metrics.md"; do
  if [[ -f $doc ]]; then run install -m 0644 "$doc" "$root$docdir/"; fi
done

# 2. The user the unit runs as (a system account without a login or home of its own).
if [[ -z $root ]]; then
  if ! getent group timeactors >/dev/null; then run groupadd --system timeactors; fi
  if ! getent passwd timeactors >/dev/null; then
    run useradd --system --gid timeactors --home-dir /var/lib/timeactors --no-create-home \
      --shell /usr/sbin/nologin --comment "TimeActors time service" timeactors
  fi
fi

# 3. The unit, with ExecStart and the documentation link pointed at this prefix.
run mkdir -p "$root/etc/systemd/system"
sed -e "s#/usr/local/bin/timeactors#$bindir/timeactors#g" \
    -e "s#/usr/local/share/doc/timeactors#$docdir#g" \
    "$here/systemd/timeactors.service" > "$work/timeactors.service"
if ! cmp -s "$work/timeactors.service" "$root$unit" 2>/dev/null; then
  run install -m 0644 "$work/timeactors.service" "$root$unit"
fi

# A framework-dependent program finds the .NET runtime through DOTNET_ROOT when it is not where
# the apphost looks by default; a drop-in says where it is.
dropin_dir=$root/etc/systemd/system/timeactors.service.d
if [[ -z $rid ]] && command -v dotnet >/dev/null; then
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  if [[ $dotnet_root != /usr/share/dotnet && ! -f /etc/dotnet/install_location ]]; then
    run mkdir -p "$dropin_dir"
    printf '[Service]\nEnvironment=DOTNET_ROOT=%s\n' "$dotnet_root" > "$work/dotnet-root.conf"
    run install -m 0644 "$work/dotnet-root.conf" "$dropin_dir/dotnet-root.conf"
  fi
fi

# 4. The configuration: an operator's file is never replaced.
run mkdir -p "$root$confdir"
if [[ ! -e $root$conf ]]; then
  run install -m 0640 "$here/config/timeactors.conf" "$root$conf"
  if [[ -z $root ]]; then run chgrp timeactors "$conf"; fi
elif ! cmp -s "$here/config/timeactors.conf" "$root$conf"; then
  run install -m 0644 "$here/config/timeactors.conf" "$root$conf.example"
  echo "install.sh: kept your $conf; the shipped example is $conf.example"
fi
if ((!dry)); then
  "$root$libdir/timeactors" config check "$root$conf"
fi

# 5. systemd: reload; restart a running service into the new version; enable on request.
if have_systemd; then
  run systemctl daemon-reload
  run systemctl try-restart timeactors.service
  if ((enable)); then run systemctl enable --now timeactors.service; fi
fi

echo "install.sh: TimeActors installed in $root$libdir ($root$bindir/timeactors); unit $root$unit; configuration $root$conf"
if ((!enable)) && [[ -z $root ]]; then
  echo "install.sh: start it with: systemctl enable --now timeactors   (stops chrony, ntpd or timesyncd: they conflict)"
fi
