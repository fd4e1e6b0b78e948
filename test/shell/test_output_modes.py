"""Every output mode, checked byte for byte."""
import unittest

from shell_helpers import ShellTestCase

QUERY = ("SELECT 1 AS id, 'plain' AS s, NULL AS n UNION ALL "
         "SELECT 2, 'with, comma \"quoted\"', NULL UNION ALL SELECT 3, '', NULL ORDER BY id")


class OutputModeTest(ShellTestCase):
    def test_box_is_the_default_with_types_and_right_aligned_numbers(self):
        self.check(["-c", "SELECT 42 AS answer, 'duck' AS name, NULL::VARCHAR AS nothing, "
                          "3.50::DECIMAL(4,2) AS price"],
                   "┌────────┬─────────┬─────────┬──────────────┐\n"
                   "│ answer │  name   │ nothing │    price     │\n"
                   "│ int32  │ varchar │ varchar │ decimal(4,2) │\n"
                   "├────────┼─────────┼─────────┼──────────────┤\n"
                   "│     42 │ duck    │ NULL    │         3.50 │\n"
                   "└────────┴─────────┴─────────┴──────────────┘\n")

    def test_box_elides_middle_rows_beyond_maxrows(self):
        self.check(["-c", ".maxrows 4", "-c", "SELECT range AS n, 'v' || range AS label FROM range(10)"],
                   "┌───────┬─────────┐\n"
                   "│   n   │  label  │\n"
                   "│ int64 │ varchar │\n"
                   "├───────┼─────────┤\n"
                   "│     0 │ v0      │\n"
                   "│     1 │ v1      │\n"
                   "│     · │    ·    │\n"
                   "│     · │    ·    │\n"
                   "│     · │    ·    │\n"
                   "│     8 │ v8      │\n"
                   "│     9 │ v9      │\n"
                   "├───────┴─────────┤\n"
                   "│     10 rows     │\n"
                   "│    (4 shown)    │\n"
                   "└─────────────────┘\n")

    def test_box_default_maxrows_is_40_and_the_footer_widens_the_table(self):
        result = self.run_shell("-c", "SELECT * FROM range(1000)")
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "┌────────────┐")
        self.assertEqual(lines[4], "│          0 │")
        self.assertEqual(lines[23], "│         19 │")
        self.assertEqual(lines[24:27], ["│          · │"] * 3)
        self.assertEqual(lines[27], "│        980 │")
        self.assertEqual(lines[-4:], ["├────────────┤", "│ 1000 rows  │", "│ (40 shown) │",
                                      "└────────────┘"])
        self.assertEqual(len(lines), 4 + 40 + 3 + 4)

    def test_box_maxrows_zero_shows_everything(self):
        result = self.run_shell("-c", ".maxrows 0", "-c", "SELECT * FROM range(100)")
        self.assertEqual(len(result.stdout.splitlines()), 4 + 100 + 1)

    def test_box_empty_result(self):
        self.check(["-c", "SELECT range AS n, 'x' AS s FROM range(0)"],
                   "┌───────┬─────────┐\n"
                   "│   n   │    s    │\n"
                   "│ int64 │ varchar │\n"
                   "├───────┴─────────┤\n"
                   "│     0 rows      │\n"
                   "└─────────────────┘\n")

    def test_box_truncates_long_values_and_elides_middle_columns(self):
        self.check(["-c", ".maxwidth 30", "-c",
                    "SELECT 'a fairly long piece of text here' AS t, 12345 AS n"],
                   "┌────────────────────────┬───┐\n"
                   "│           t            │ … │\n"
                   "│        varchar         │   │\n"
                   "├────────────────────────┼───┤\n"
                   "│ a fairly long piece o… │ … │\n"
                   "├────────────────────────┴───┤\n"
                   "│ 1 row  2 columns (1 shown) │\n"
                   "└────────────────────────────┘\n")
        wide = ", ".join(f"'value number {i}' AS column_{i}" for i in range(12))
        result = self.run_shell("-c", f"SELECT {wide}")
        lines = result.stdout.splitlines()
        self.assertTrue(all(len(line) <= 80 for line in lines), result.stdout)
        self.assertIn("column_0", lines[1])
        self.assertIn("column_11", lines[1])
        self.assertIn("…", lines[1])
        self.assertRegex(lines[-2], r"^│ 1 row +12 columns \(\d+ shown\) │$")

    def test_box_shrinks_wide_columns_before_eliding(self):
        long_text = "x" * 100
        result = self.run_shell("-c", f"SELECT '{long_text}' AS a, 1 AS b")
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines[0]), 80)
        self.assertTrue(lines[4].startswith("│ xxxx"), lines[4])
        self.assertIn("x… │", lines[4])
        self.assertTrue(lines[4].endswith("│     1 │"), lines[4])

    def test_box_wide_characters_are_aligned(self):
        self.check(["-c", "SELECT '日本' AS s UNION ALL SELECT 'abcd'"],
                   "┌─────────┐\n"
                   "│    s    │\n"
                   "│ varchar │\n"
                   "├─────────┤\n"
                   "│ 日本    │\n"
                   "│ abcd    │\n"
                   "└─────────┘\n")

    def test_table_mode(self):
        self.check(["-table", "-c", QUERY],
                   "+----+----------------------+------+\n"
                   "| id |          s           |  n   |\n"
                   "+----+----------------------+------+\n"
                   "|  1 | plain                | NULL |\n"
                   "|  2 | with, comma \"quoted\" | NULL |\n"
                   "|  3 |                      | NULL |\n"
                   "+----+----------------------+------+\n")

    def test_csv_quotes_as_rfc4180_and_writes_null_as_empty(self):
        self.check(["-csv", "-c", QUERY],
                   "id,s,n\n1,plain,\n2,\"with, comma \"\"quoted\"\"\",\n3,\"\",\n")

    def test_csv_without_headers_and_with_a_null_value(self):
        self.check(["-c", ".mode csv", "-c", ".headers off", "-c", ".nullvalue NA", "-c", QUERY],
                   "1,plain,NA\n2,\"with, comma \"\"quoted\"\"\",NA\n3,\"\",NA\n")

    def test_csv_quotes_line_breaks(self):
        self.check(["-csv", "-c", "SELECT 'two\nlines' AS t"],
                   "t\n\"two\nlines\"\n")

    def test_tsv(self):
        self.check(["-tsv", "-c", QUERY],
                   "id\ts\tn\n1\tplain\t\n2\t\"with, comma \"\"quoted\"\"\"\t\n3\t\"\"\t\n")

    def test_list_with_separator(self):
        self.check(["-list", "-c", QUERY],
                   "id|s|n\n1|plain|NULL\n2|with, comma \"quoted\"|NULL\n3||NULL\n")
        self.check(["-list", "-separator", ";", "-noheader", "-c", "SELECT 1, 'a'"], "1;a\n")

    def test_json(self):
        self.check(["-json", "-c", QUERY],
                   '[{"id":1,"s":"plain","n":null},\n'
                   '{"id":2,"s":"with, comma \\"quoted\\"","n":null},\n'
                   '{"id":3,"s":"","n":null}]\n')

    def test_json_types(self):
        self.check(["-json", "-c", "SELECT true AS b, 2.5::DOUBLE AS d, 1.25::DECIMAL(5,2) AS m, "
                                   "DATE '2024-02-29' AS day, 'tab\there' AS t"],
                   '[{"b":true,"d":2.5,"m":1.25,"day":"2024-02-29","t":"tab\\there"}]\n')

    def test_json_empty_result_is_an_empty_array(self):
        self.check(["-json", "-c", "SELECT * FROM range(0)"], "[]\n")

    def test_jsonlines(self):
        self.check(["-c", ".mode jsonlines", "-c", QUERY],
                   '{"id":1,"s":"plain","n":null}\n'
                   '{"id":2,"s":"with, comma \\"quoted\\"","n":null}\n'
                   '{"id":3,"s":"","n":null}\n')

    def test_markdown(self):
        self.check(["-markdown", "-c", QUERY],
                   "|  id | s                    |    n |\n"
                   "|----:|----------------------|-----:|\n"
                   "|   1 | plain                | NULL |\n"
                   "|   2 | with, comma \"quoted\" | NULL |\n"
                   "|   3 |                      | NULL |\n")

    def test_line(self):
        self.check(["-line", "-c", QUERY],
                   "   id = 1\n    s = plain\n    n = NULL\n\n"
                   "   id = 2\n    s = with, comma \"quoted\"\n    n = NULL\n\n"
                   "   id = 3\n    s = \n    n = NULL\n")

    def test_nullvalue_in_box(self):
        self.check(["-nullvalue", "∅", "-c", "SELECT NULL::INTEGER AS x"],
                   "┌───────┐\n│   x   │\n│ int32 │\n├───────┤\n│     ∅ │\n└───────┘\n")

    def test_mode_without_argument_reports_the_mode(self):
        self.check(["-csv", "-c", ".mode"], "current output mode: csv\n")

    def test_unknown_mode_is_an_error(self):
        self.check(["-c", ".mode nonsense"], "",
                   expected_stderr='Error: unknown output mode "nonsense"; choose one of '
                                   'box|table|csv|tsv|json|jsonlines|markdown|line|list\n',
                   code=1)

    def test_statements_without_rows_print_nothing(self):
        self.check(["-c", "CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1), (2); "
                          "UPDATE t SET a = a + 1"], "")

    def test_explain_prints_the_plan_itself(self):
        result = self.run_shell("-c", "EXPLAIN SELECT count(*) FROM range(10)")
        self.assertEqual(result.returncode, 0)
        self.assertNotIn("explain_key", result.stdout)
        self.assertIn("UNGROUPED_AGGREGATE", result.stdout)
        self.assertNotIn("┌──", result.stdout.splitlines()[0] if result.stdout else "")


if __name__ == "__main__":
    unittest.main()
