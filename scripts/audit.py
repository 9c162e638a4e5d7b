"""Known vulnerabilities in the installed dependencies: pip-audit (Python) and npm audit (the frontend).

Both ask an advisory service on the internet (PyPI's JSON API or OSV; the npm registry's bulk
advisory endpoint). Where it cannot be reached, as on the project's own machines whose registries are
mirrors without those endpoints, the audit did not run: this says so loudly and exits 0, unless
KUA_AUDIT_REQUIRED=1 (then 2), so a machine that cannot audit never passes for one that found
nothing. A vulnerability found fails (exit 1) unless audit-exceptions.txt lists its id with a reason.
See docs/security-checks.md.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXCEPTIONS = REPO / "audit-exceptions.txt"
PIP_AUDIT = [str(Path(sys.executable).parent / "pip-audit"), "--skip-editable", "--format", "json"]
PIP_AUDIT += ["--progress-spinner", "off"]
NPM_AUDIT = ["npm", "audit", "--json"]


def main() -> int:
    exceptions = read_exceptions()
    results = [pip_audit(exceptions), npm_audit(exceptions)]
    open_findings = [finding for found, _ran in results for finding in found]
    not_run = [name for (_found, ran), name in zip(results, ("pip-audit", "npm audit"), strict=True) if not ran]
    for finding in open_findings:
        print(f"OPEN: {finding}")
    if not_run:
        print("=" * 78)
        print(f"NOT RUN: {', '.join(not_run)}: the advisory service cannot be reached from this machine.")
        print("Nothing was checked, so nothing is known to be safe. Run `make audit` where it can be reached.")
        print("=" * 78)
    if open_findings:
        return 1
    if not_run and os.environ.get("KUA_AUDIT_REQUIRED") == "1":
        return 2
    if not not_run:
        print("audit: no known vulnerability open (exceptions: audit-exceptions.txt).")
    return 0


def read_exceptions() -> set[str]:
    """Advisory ids accepted, one a line with its reason after it; a line without a reason is an error."""
    accepted = set()
    for number, line in enumerate(EXCEPTIONS.read_text().splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        advisory, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"{EXCEPTIONS.name}:{number}: {advisory} has no reason: say why it is accepted.")
        accepted.add(advisory)
    return accepted


def pip_audit(exceptions: set[str]) -> tuple[list[str], bool]:
    """Open findings, and whether the audit ran (pip-audit says "no known vulnerabilities" having checked nothing)."""
    done = subprocess.run(PIP_AUDIT, capture_output=True, text=True, check=False, cwd=REPO)  # noqa: S603
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        print(f"pip-audit failed: {(done.stderr.strip().splitlines() or ['no output'])[-1]}")
        return [], False
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    found = [
        f"{d['name']} {d['version']}: {v['id']} (fixed in {', '.join(v.get('fix_versions', [])) or 'no release'})"
        for d in audited
        for v in d.get("vulns", [])
        if v["id"] not in exceptions and not exceptions.intersection(v.get("aliases", []))
    ]
    print(f"pip-audit: {len(audited)} of {len(dependencies)} packages audited.")
    return found, bool(audited)


def npm_audit(exceptions: set[str]) -> tuple[list[str], bool]:
    done = subprocess.run(NPM_AUDIT, capture_output=True, text=True, check=False, cwd=REPO / "frontend")  # noqa: S603
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        report = {}
    if "vulnerabilities" not in report:
        reason = report.get("message") or (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"npm audit failed: {reason}")
        return [], False
    found = sorted(
        {
            f"{name}: {via['url'].rsplit('/', 1)[-1]} ({via.get('severity', '?')}) {via.get('title', '')}"
            for name, entry in report["vulnerabilities"].items()
            for via in entry.get("via", [])
            if isinstance(via, dict) and via.get("url", "").rsplit("/", 1)[-1] not in exceptions
        }
    )
    print(f"npm audit: {report.get('metadata', {}).get('dependencies', {}).get('total', '?')} packages audited.")
    return found, True


if __name__ == "__main__":
    sys.exit(main())
