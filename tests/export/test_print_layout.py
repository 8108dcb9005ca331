"""The coded workbook is set up for printing (thesis appendices)."""

from autocoder.export.xlsx import row_height


def test_rows_are_tall_enough_for_their_longest_wrapped_cell():
    assert row_height(["1", "K", "pendek"], [9, 14, 80]) == 15.0
    # 200 characters in a column 80 wide (about 88 characters a line) need three lines
    assert row_height(["1", "K", "x" * 200], [9, 14, 80]) == 45.0
    assert row_height(["1", None, "a\nb\nc\nd"], [9, 14, 80]) == 60.0
