"""`make bench`'s one table: each goal read from the benchmarks' sections and judged from its figure."""

from bench.summary import rows_with_goals, verdict


def test_goals_are_judged_from_the_figures_they_bound() -> None:
    assert verdict("0.42", "≥ 0.50") == "NOT MET"
    assert verdict("0.76", "≥ 0.50") == "met"
    assert verdict("3.1 MiB", "< 50 MiB") == "met"
    assert verdict("4.59 s", "≤ 3 s") == "NOT MET"
    assert verdict("FCP 3.4 s, LCP 1.4 s, TBT 150 ms", "LCP ≤ 2.5 s") == "met"
    assert verdict("FCP 1.4 s, LCP 2.6 s", "LCP ≤ 2.5 s") == "NOT MET"
    assert verdict("1.00", "1.00") == "met"
    assert verdict("0.98", "1.00") == "NOT MET"
    assert verdict("performance: Max Potential First Input Delay", "none") == "NOT MET"
    assert verdict("none", "none") == "met"


def test_both_table_shapes_give_their_goals() -> None:
    measured = "| measure | value | goal |\n|---|---|---|\n| seal | 130 ms | |\n| weight | 44 KB | ≤ 100 KB |"
    assert rows_with_goals("b", measured) == [("b", "weight", "44 KB", "≤ 100 KB")]
    by_database = "| database | rate | ratio (goal ≥ 0.50) |\n|---|---|---|\n| sqlite | 10 | 0.42 |"
    assert rows_with_goals("i", by_database) == [("i", "sqlite: ratio", "0.42", "≥ 0.50")]
