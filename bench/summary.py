"""One table of every benchmark's goals, read from the sections the benchmarks wrote.

    .venv/bin/python -m bench.summary [--write-docs]

`make bench` runs each benchmark (each writes its own section of docs/performance.md), then this:
every row that has a goal, with its figure and whether the goal is met, printed and (with
--write-docs) kept at the top of docs/performance.md.
"""

import argparse
import re

from bench.performance_doc import DOC, write_section

_SECTION = re.compile(r"<!-- (bench_\w+):start -->\n(.*?)\n<!-- \1:end -->", re.S)
_BOUND = re.compile(r"^(?:(\w+) )?(≥|≤|<|>)\s*([\d.]+)")
_NUMBER = re.compile(r"[\d]+(?:\.\d+)?")


def rows_with_goals(name: str, table: str) -> list[tuple[str, str, str, str]]:
    """(benchmark, measure, value, goal) for each row of a section that states a goal."""
    lines = [line.strip().strip("|").split("|") for line in table.splitlines() if line.startswith("|")]
    header, body = [cell.strip() for cell in lines[0]], lines[2:]
    found = []
    if "goal" in header:
        measure, value, goal = 0, header.index("value"), header.index("goal")
        for cells in body:
            cells = [cell.strip() for cell in cells]
            if cells[goal]:
                found.append((name, cells[measure], cells[value], cells[goal]))
    else:  # a table whose column says the goal, e.g. "ratio (goal ≥ 0.50)"
        for index, title in enumerate(header):
            stated = re.search(r"\(goal (.+)\)", title)
            if stated:
                for cells in body:
                    cells = [cell.strip() for cell in cells]
                    found.append((name, f"{cells[0]}: {title.split(' (')[0]}", cells[index], stated.group(1)))
    return found


def verdict(value: str, goal: str) -> str:
    """ "met", "NOT MET", or "" when the goal is not a plain bound or equality."""
    bound = _BOUND.match(goal)
    if bound:
        # "LCP ≤ 2.5 s" bounds the figure after "LCP"; a bare bound, the value's first number.
        named, sign, limit = bound.group(1), bound.group(2), float(bound.group(3))
        number = re.search(rf"{named} ([\d.]+)", value) if named else _NUMBER.search(value)
        if number is None:
            return ""
        figure = float(number.group(1) if named else number.group())
        ok = {"≥": figure >= limit, "≤": figure <= limit, "<": figure < limit, ">": figure > limit}[sign]
        return "met" if ok else "NOT MET"
    if re.fullmatch(r"[\d.]+", goal):
        number = _NUMBER.search(value)
        return "met" if number and float(number.group()) == float(goal) else "NOT MET"
    return "met" if goal == value else "NOT MET"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    rows = [row for name, table in _SECTION.findall(DOC.read_text()) for row in rows_with_goals(name, table)]
    table = "\n".join(
        ["| benchmark | measure | figure | goal | |", "|---|---|---|---|---|"]
        + [f"| {name} | {measure} | {value} | {goal} | {verdict(value, goal)} |" for name, measure, value, goal in rows]
    )
    print(table)
    if args.write_docs:
        write_section("summary", "Summary", table)


if __name__ == "__main__":
    main()
