"""Dot commands about the schema and the settings."""
import unittest

from shell_helpers import ShellTestCase

SCHEMA = ("CREATE TABLE customers(id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
          "city VARCHAR DEFAULT 'Paris');"
          "CREATE TABLE order_lines(order_id INTEGER, line INTEGER, \"Amount\" DECIMAL(10,2), "
          "PRIMARY KEY (order_id, line));"
          "CREATE VIEW big_orders AS SELECT order_id FROM order_lines WHERE \"Amount\" > 100;")


class SchemaCommandTest(ShellTestCase):
    def setUp(self):
        super().setUp()
        self.check(["data.db", "-c", SCHEMA], "")

    def test_tables(self):
        self.check(["data.db", "-c", ".tables"], "big_orders   customers    order_lines\n")
        self.check(["data.db", "-c", ".tables %order%"], "big_orders   order_lines\n")
        self.check(["data.db", "-c", ".tables nothing"], "")

    def test_schema(self):
        self.check(["data.db", "-c", ".schema"],
                   "CREATE TABLE customers(id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                   "city VARCHAR DEFAULT 'Paris');\n"
                   "CREATE TABLE order_lines(order_id INTEGER NOT NULL, line INTEGER NOT NULL, "
                   "\"Amount\" DECIMAL(10,2), PRIMARY KEY(order_id, line));\n"
                   "CREATE VIEW big_orders AS SELECT order_id FROM order_lines WHERE \"Amount\" > "
                   "100;\n")
        self.check(["data.db", "-c", ".schema cust%"],
                   "CREATE TABLE customers(id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
                   "city VARCHAR DEFAULT 'Paris');\n")

    def test_schema_output_recreates_the_tables(self):
        schema = self.run_shell("data.db", "-c", ".schema").stdout
        self.check(["copy.db", "-c", schema, "-c", ".tables"],
                   "big_orders   customers    order_lines\n")

    def test_describe(self):
        self.check(["data.db", "-list", "-c", ".describe customers"],
                   "column_name|column_type|null|key|default|extra\n"
                   "id|INTEGER|NO|PRI|NULL|NULL\n"
                   "name|VARCHAR|NO|NULL|NULL|NULL\n"
                   "city|VARCHAR|YES|NULL|'Paris'|NULL\n")
        self.check(["data.db", "-list", "-noheader", "-c", ".describe big_orders"],
                   "order_id|INTEGER|YES|NULL|NULL|NULL\n")
        result = self.run_shell("data.db", "-c", ".describe nothing")
        self.assertEqual(result.returncode, 1)
        self.assertIn("Catalog Error", result.stderr)


class SettingCommandTest(ShellTestCase):
    def test_show(self):
        result = self.run_shell("-csv", "-c", ".nullvalue -", "-c", ".timer on", "-c", ".show")
        self.assertEqual(result.returncode, 0)
        self.assertIn("        mode: csv\n", result.stdout)
        self.assertIn("   nullvalue: \"-\"\n", result.stdout)
        self.assertIn("       timer: on\n", result.stdout)
        self.assertIn("    filename: :memory:\n", result.stdout)
        self.assertIn("      output: stdout\n", result.stdout)

    def test_help_lists_every_command(self):
        result = self.run_shell("-c", ".help")
        for command in (".bail", ".changes", ".describe", ".echo", ".exit", ".headers", ".import",
                        ".maxrows", ".maxwidth", ".mode", ".nullvalue", ".once", ".open",
                        ".output", ".print", ".quit", ".read", ".schema", ".separator", ".show",
                        ".tables", ".timer"):
            self.assertIn(command, result.stdout)
        self.check(["-c", ".help tim"], ".timer on|off                 Print the run time of each "
                                         "statement\n")

    def test_switches_take_on_and_off(self):
        self.check(["-c", ".headers maybe"], "", expected_stderr="Usage: .headers on|off\n",
                   code=1)
        self.check(["-list", "-c", ".headers off", "-c", "SELECT 1 AS a"], "1\n")
        self.check(["-list", "-c", ".header on", "-c", "SELECT 1 AS a"], "a\n1\n")

    def test_print_and_quoted_arguments(self):
        self.check(["-c", ".print hello 'two words' \"tab\\there\""], "hello two words tab\there\n")


if __name__ == "__main__":
    unittest.main()
