"""The installed Python packages checked against PyPI's own advisory data, for when pip-audit cannot ask.

pip-audit asks `/pypi/NAME/VERSION/json` or OSV; the machines of this project reach neither (see
docs/security-checks.md). They do reach `/pypi/NAME/json`, whose `vulnerabilities` are the known
advisories (OSV data: PYSEC and GHSA ids, with aliases) of the project's newest release. So every
installed package at its newest release is audited for real; a package held below it (by a pin, or
by a dependent's upper bound) cannot be, and is named as not audited rather than passed.
"""

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from packaging.utils import canonicalize_name

PROJECT_JSON = "https://pypi.org/pypi/{name}/json"
TIMEOUT_SECONDS = 20

Document = Mapping[str, Any]


@dataclass
class Audit:
    audited: int = 0
    findings: list[str] = field(default_factory=list)
    not_audited: list[str] = field(default_factory=list)


def installed(own: str) -> list[tuple[str, str]]:
    """(name, version) of every installed distribution but the project itself, `own` (a PyPI project of
    that name is somebody else's), and anything else installed editable."""
    found = set()
    for distribution in metadata.distributions():
        name = distribution.metadata["Name"]
        direct = json.loads(distribution.read_text("direct_url.json") or "{}")
        if canonicalize_name(name) != canonicalize_name(own) and not direct.get("dir_info", {}).get("editable"):
            found.add((name, distribution.version))
    return sorted(found)



def fetch(name: str) -> Document | None:
    """PyPI's project JSON, or None when it cannot be had."""
    try:
        with urllib.request.urlopen(PROJECT_JSON.format(name=name), timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            document: Document = json.load(answer)
            return document
    except (urllib.error.URLError, TimeoutError, json.JSONDecodeError):
        return None


def audit(
    packages: Iterable[tuple[str, str]], exceptions: set[str], get: Callable[[str], Document | None] = fetch
) -> Audit:
    """Each package's open advisories, where PyPI's data speaks for its version (see the module docstring)."""
    packages = list(packages)
    with ThreadPoolExecutor(max_workers=8) as pool:
        documents = list(pool.map(get, [name for name, _version in packages]))
    result = Audit()
    for (name, version), document in zip(packages, documents, strict=True):
        if document is None:
            result.not_audited.append(f"{name} {version} (PyPI's data could not be read)")
            continue
        newest = document["info"]["version"]
        if version != newest:
            result.not_audited.append(f"{name} {version} (below its newest release, {newest})")
            continue
        result.audited += 1
        for advisory in document.get("vulnerabilities", []):
            names = {advisory["id"], *advisory.get("aliases", [])}
            if advisory.get("withdrawn") or names & exceptions:
                continue
            fixed = ", ".join(advisory.get("fixed_in", [])) or "no release"
            result.findings.append(f"{name} {version}: {advisory['id']} (fixed in {fixed})")
    return result
