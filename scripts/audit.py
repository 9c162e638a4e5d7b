"""Known vulnerabilities in the installed dependencies: pip-audit (Python) and npm audit (the frontend).

Both ask an advisory service on the internet (PyPI's JSON API or OSV; the npm registry's bulk
advisory endpoint). Where pip-audit cannot reach its service, as on the project's own machines whose
registries are mirrors without those endpoints, the Python packages are checked against PyPI's
project data instead (scripts/pypi_advisories.py: every package at its newest release; the others
are named as not audited). What could not be audited is said loudly and exits 0, unless
KUA_AUDIT_REQUIRED=1 (then 2), so a machine that cannot audit never passes for one that found
nothing. A vulnerability found fails (exit 1) unless audit-exceptions.txt lists its id with a reason.
See docs/security-checks.md.
"""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pypi_advisories  # a sibling script, not a package

REPO = Path(__file__).resolve().parents[1]
EXCEPTIONS = REPO / "audit-exceptions.txt"
PIP_AUDIT = [str(Path(sys.executable).parent / "pip-audit"), "--skip-editable", "--format", "json"]
PIP_AUDIT += ["--progress-spinner", "off"]
NPM_AUDIT = ["npm", "audit", "--json"]


def main() -> int:
    exceptions = read_exceptions()
    python_findings, python_gaps = python_audit(exceptions)
    npm_findings, npm_ran = npm_audit(exceptions)
    open_findings = python_findings + npm_findings
    gaps = python_gaps + ([] if npm_ran else ["npm audit: the advisory service cannot be reached from this machine"])
    for finding in open_findings:
        print(f"OPEN: {finding}")
    if gaps:
        print("=" * 78)
        print("NOT AUDITED (nothing is known about these, safe or not):")
        for gap in gaps:
            print(f"  {gap}")
        print("Run `make audit` where pip-audit and npm audit reach their services (docs/security-checks.md).")
        print("=" * 78)
    if open_findings:
        return 1
    if gaps and os.environ.get("KUA_AUDIT_REQUIRED") == "1":
        return 2
    if not gaps:
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


def python_audit(exceptions: set[str]) -> tuple[list[str], list[str]]:
    """Open findings, and what was not audited: by pip-audit, or else from PyPI's project data."""
    found, ran = pip_audit(exceptions)
    if ran:
        return found, []
    if pypi_advisories.fetch("pip") is None:  # PyPI out of reach: say so now, not after a timeout per package
        return [], ["pip-audit: neither its service nor PyPI's project data can be reached"]
    own = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"]
    fallback = pypi_advisories.audit(pypi_advisories.installed(own), exceptions)
    total = fallback.audited + len(fallback.not_audited)
    print(f"PyPI's project data instead (/pypi/NAME/json): {fallback.audited} of {total} packages audited.")
    return fallback.findings, [f"Python: {package}" for package in fallback.not_audited]


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
