"""When pip-audit cannot reach its service, `make audit` reads PyPI's project data: a package at its
newest release is audited for real, and one held below it is named as not audited, never passed."""

from typing import Any

from scripts import pypi_advisories

# The shape of https://pypi.org/pypi/ecdsa/json as read on 2026-11-26 (cut to what the audit reads).
ECDSA: dict[str, Any] = {
    "info": {"version": "0.19.2"},
    "vulnerabilities": [
        {
            "id": "PYSEC-2026-1325",
            "aliases": ["CVE-2024-23342", "GHSA-wj6h-64fc-37mp"],
            "fixed_in": [],
            "withdrawn": None,
        },
        {
            "id": "PYSEC-2020-1",
            "aliases": ["CVE-2020-0001"],
            "fixed_in": ["0.19.3"],
            "withdrawn": "2021-01-01T00:00:00Z",
        },
    ],
}
CLEAN: dict[str, Any] = {"info": {"version": "2.12.1"}, "vulnerabilities": []}
DOCUMENTS = {"ecdsa": ECDSA, "pyotp": CLEAN}


def test_a_package_at_its_newest_release_is_audited_and_its_open_advisories_found() -> None:
    result = pypi_advisories.audit([("ecdsa", "0.19.2"), ("pyotp", "2.12.1")], set(), DOCUMENTS.get)
    assert result.audited == 2
    assert result.findings == ["ecdsa 0.19.2: PYSEC-2026-1325 (fixed in no release)"]  # the withdrawn one is not
    assert result.not_audited == []


def test_an_advisory_accepted_under_any_of_its_names_is_not_open() -> None:
    result = pypi_advisories.audit([("ecdsa", "0.19.2")], {"GHSA-wj6h-64fc-37mp"}, DOCUMENTS.get)
    assert (result.audited, result.findings) == (1, [])


def test_a_package_below_its_newest_release_or_unreadable_is_named_not_passed() -> None:
    result = pypi_advisories.audit([("pyotp", "2.12.0"), ("unreachable", "1.0")], set(), DOCUMENTS.get)
    assert result.audited == 0 and result.findings == []
    assert result.not_audited == [
        "pyotp 2.12.0 (below its newest release, 2.12.1)",
        "unreachable 1.0 (PyPI's data could not be read)",
    ]


def test_the_project_itself_is_never_looked_up_on_pypi() -> None:
    # A PyPI project named like this one is somebody else's: its advisories say nothing of Kua.
    names = {name.lower() for name, _version in pypi_advisories.installed("kua")}
    assert "kua" not in names
    assert {"fastapi", "cryptography", "uvicorn"} <= names
