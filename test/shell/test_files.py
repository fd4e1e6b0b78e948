"""Database files (creation rules, -readonly, .open) and the commands that read or write files
(.read, .output, .once, .import)."""
import os
import unittest

from shell_helpers import ShellTestCase


class DatabaseFileTest(ShellTestCase):
    def test_a_missing_file_is_created_and_keeps_its_data(self):
        self.check(["data.db", "-c", "CREATE TABLE t AS SELECT 41 + 1 AS a"], "")
        self.assertTrue(os.path.exists(self.path("data.db")))
        self.check(["data.db", "-list", "-c", "SELECT a FROM t"], "a\n42\n")

    def test_readonly_does_not_create_a_missing_file(self):
        self.check(["ro.db", "-readonly", "-c", "SELECT 1"], "",
                   expected_stderr='IO Error: unable to open database "ro.db": the file does not '
                                   'exist (read-only mode does not create it)\n',
                   code=1)
        self.assertFalse(os.path.exists(self.path("ro.db")))

    def test_no_file_is_created_where_it_cannot_be(self):
        result = self.run_shell("no/such/dir/x.db", "-c", "SELECT 1")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertIn('unable to open database "no/such/dir/x.db": cannot create a file in '
                      '"no/such/dir"', result.stderr)
        self.assertFalse(os.path.exists(self.path("no")))

    def test_readonly_refuses_writes_but_reads(self):
        self.check(["data.db", "-c", "CREATE TABLE t AS SELECT 1 AS a"], "")
        result = self.run_shell("data.db", "-readonly", "-list", "-noheader",
                                "-c", "INSERT INTO t VALUES (2)", "-c", "SELECT count(*) FROM t")
        self.assertEqual(result.stdout, "1\n")
        self.assertIn("read-only", result.stderr)
        self.assertEqual(result.returncode, 1)
        self.check(["data.db", "-list", "-noheader", "-c", "SELECT count(*) FROM t"], "1\n")

    def test_open_switches_databases(self):
        self.check(["-list", "-noheader"], "1\n2\n",
                   stdin=".open first.db\nCREATE TABLE t AS SELECT 1 AS a;\n"
                         ".open second.db\nCREATE TABLE t AS SELECT 2 AS a;\n"
                         ".open first.db\nSELECT a FROM t;\n"
                         ".open --readonly second.db\nSELECT a FROM t;\n")
        self.assertTrue(os.path.exists(self.path("second.db")))

    def test_open_readonly_of_a_missing_file_falls_back_to_memory(self):
        self.check(["-list", "-noheader"], "1\n",
                   stdin=".open --readonly missing.db\nSELECT 1;\n",
                   expected_stderr='IO Error: unable to open database "missing.db": the file does '
                                   'not exist (read-only mode does not create it)\n'
                                   "Using a transient in-memory database.\n",
                   code=1)


class FileCommandTest(ShellTestCase):
    def test_read_runs_sql_and_dot_commands(self):
        self.write("script.sql", ".mode csv\nCREATE TABLE t(a INTEGER, b VARCHAR);\n"
                                 "INSERT INTO t VALUES (1, 'x'),\n  (2, 'y');\n"
                                 "SELECT * FROM t ORDER BY a;\n")
        self.check(["-c", ".read script.sql", "-c", "SELECT count(*) AS n FROM t"],
                   "a,b\n1,x\n2,y\nn\n2\n")

    def test_read_reports_errors_and_missing_files(self):
        self.write("bad.sql", "SELECT nope;\nSELECT 5 AS five;\n")
        self.check(["-list", "-c", ".read bad.sql"], "five\n5\n",
                   expected_stderr='Binder Error: Referenced column "nope" not found in FROM '
                                   'clause!\n',
                   code=1)
        self.check(["-c", ".read missing.sql"], "",
                   expected_stderr='IO Error: cannot open "missing.sql"\n', code=1)

    def test_output_redirects_until_reset(self):
        self.check(["-list", "-noheader"], "3\n",
                   stdin=".output out.txt\nSELECT 1;\nSELECT 2;\n.output\nSELECT 3;\n")
        self.assertEqual(self.read("out.txt"), "1\n2\n")

    def test_once_redirects_one_statement(self):
        self.check(["-csv"], "a\n2\n",
                   stdin=".once once.csv\nSELECT 1 AS a;\nSELECT 2 AS a;\n")
        self.assertEqual(self.read("once.csv"), "a\n1\n")

    def test_output_to_an_unwritable_place(self):
        result = self.run_shell("-c", ".output no/such/dir/out.txt", "-c", "SELECT 1")
        self.assertEqual(result.returncode, 1)
        self.assertIn('cannot open "no/such/dir/out.txt" for writing', result.stderr)
        self.assertIn("│     1 │", result.stdout)

    def test_import_creates_a_table_with_sniffed_types(self):
        self.write("people.csv", "id,name,score,born,active\n"
                                 "1,Ada,9.5,1815-12-10,true\n"
                                 "2,\"Hopper, Grace\",,1906-12-09,false\n"
                                 "3,\"Multi\nLine \"\"Quote\"\"\",7,1912-06-23,true\n")
        self.check(["data.db", "-c", ".import people.csv people"], "")
        self.check(["data.db", "-csv", "-c", "SELECT * FROM people ORDER BY id"],
                   "id,name,score,born,active\n"
                   "1,Ada,9.5,1815-12-10,true\n"
                   "2,\"Hopper, Grace\",,1906-12-09,false\n"
                   "3,\"Multi\nLine \"\"Quote\"\"\",7.0,1912-06-23,true\n")
        self.check(["data.db", "-list", "-noheader", "-c", ".describe people"],
                   "id|BIGINT|YES|NULL|NULL|NULL\nname|VARCHAR|YES|NULL|NULL|NULL\n"
                   "score|DOUBLE|YES|NULL|NULL|NULL\nborn|DATE|YES|NULL|NULL|NULL\n"
                   "active|BOOLEAN|YES|NULL|NULL|NULL\n")

    def test_import_into_an_existing_table(self):
        self.write("more.csv", "a,b\n10,ten\n20,\n")
        self.check(["-list", "-noheader"], "1|one\n10|ten\n20|NULL\n",
                   stdin="CREATE TABLE t(a INTEGER, b VARCHAR);\nINSERT INTO t VALUES (1, 'one');\n"
                         ".import more.csv t\nSELECT a, b FROM t ORDER BY a;\n")

    def test_import_errors(self):
        self.write("bad.csv", "a\n1\nx\n")
        # All or nothing: the bad line fails the import and no row stays.
        self.check(["-list", "-noheader", "-c", "CREATE TABLE t(a INTEGER)",
                    "-c", ".import bad.csv t", "-c", "SELECT count(*) FROM t"], "0\n",
                   expected_stderr="Conversion Error: CSV line 3, column a: could not convert "
                                   "'x' to INTEGER\n",
                   code=1)
        self.check(["-c", ".import missing.csv t"], "",
                   expected_stderr='IO Error: cannot open "missing.csv"\n', code=1)
        self.check(["-c", ".import"], "", expected_stderr="Usage: .import ?--no-header? "
                   "?--delimiter C? FILE TABLE\n", code=1)

    def test_import_without_header_and_with_tabs(self):
        self.write("data.tsv", "1\tx\n2\ty\n")
        self.check(["-list", "-c", ".import --no-header data.tsv t", "-c", "SELECT * FROM t"],
                   "column0|column1\n1|x\n2|y\n")


if __name__ == "__main__":
    unittest.main()
