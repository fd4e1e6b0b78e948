"""Errors (with the caret under the position), -bail, exit codes, statement splitting, -c."""
import re
import unittest

from shell_helpers import ShellTestCase


class ErrorTest(ShellTestCase):
    def test_syntax_error_shows_the_line_and_a_caret_and_the_script_goes_on(self):
        self.check(["-list"], "a\n1\nc\n3\n",
                   stdin="SELECT 1 AS a;\nSELECT\n  2 +\n  FROM x;\nSELECT 3 AS c;\n",
                   expected_stderr='Parser Error: syntax error at or near "FROM"\n\n'
                                   "LINE 3:   FROM x;\n"
                                   "          ^\n",
                   code=1)

    def test_unterminated_string(self):
        self.check(["-c", "SELECT 'abc"], "",
                   expected_stderr="Parser Error: unterminated quoted string at or near \"'abc\"\n\n"
                                   "LINE 1: SELECT 'abc\n"
                                   "               ^\n",
                   code=1)

    def test_error_with_a_position_but_no_context_gets_a_caret_from_the_shell(self):
        # The line is cut 40 characters after the position.
        self.check(["-c", "SELECT 1;\n  CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE "
                          "FUNCTION f()", "-list", "-noheader"], "1\n",
                   expected_stderr="Not implemented Error: triggers are not supported\n\n"
                                   "LINE 1: CREATE TRIGGER t AFTER INSERT ON x FOR E...\n"
                                   "        ^\n",
                   code=1)

    def test_binder_error(self):
        self.check(["-c", "SELECT nope FROM range(1)"], "",
                   expected_stderr='Binder Error: Referenced column "nope" not found in FROM '
                                   'clause!\n',
                   code=1)

    def test_bail_stops_at_the_first_error(self):
        self.check(["-bail", "-list", "-noheader"], "1\n",
                   stdin="SELECT 1;\nSELECT nope;\nSELECT 3;\n",
                   expected_stderr='Binder Error: Referenced column "nope" not found in FROM '
                                   'clause!\n',
                   code=1)
        self.check(["-list", "-noheader"], "1\n",
                   stdin=".bail on\nSELECT 1;\nSELECT nope;\nSELECT 3;\n",
                   expected_stderr='Binder Error: Referenced column "nope" not found in FROM '
                                   'clause!\n',
                   code=1)

    def test_exit_codes(self):
        self.assertEqual(self.run_shell("-c", "SELECT 1").returncode, 0)
        self.assertEqual(self.run_shell("-c", "SELECT 1", "-c", "SELECT nope").returncode, 1)
        self.assertEqual(self.run_shell(stdin="SELECT 1;\n").returncode, 0)
        self.assertEqual(self.run_shell(stdin="SELECT nope;\n").returncode, 1)
        self.assertEqual(self.run_shell("-c", ".exit 3").returncode, 3)
        self.assertEqual(self.run_shell(stdin="SELECT 1;\n.quit\nSELECT nope;\n").returncode, 0)

    def test_every_c_runs_in_order_even_after_a_failure(self):
        self.check(["-list", "-noheader", "-c", "SELECT 1", "-c", "SELECT nope", "-c", "SELECT 3"],
                   "1\n3\n",
                   expected_stderr='Binder Error: Referenced column "nope" not found in FROM '
                                   'clause!\n',
                   code=1)

    def test_unknown_dot_command(self):
        self.check(["-c", ".frobnicate"], "",
                   expected_stderr='Error: unknown command or invalid arguments: "frobnicate". '
                                   'Enter ".help" for help\n',
                   code=1)

    def test_unknown_option(self):
        self.check(["-frobnicate"], "",
                   expected_stderr="Error: unknown option: -frobnicate\n"
                                   "Use -help for a list of options.\n",
                   code=1)

    def test_version_and_help(self):
        result = self.run_shell("-version")
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout, r"^FluxDB v\d+\.\d+\.\d+\n$")
        result = self.run_shell("--help")
        self.assertEqual(result.returncode, 0)
        for option in ("-c COMMAND", "-csv", "-json", "-readonly", "-bail", "-init FILENAME"):
            self.assertIn(option, result.stdout)


class InputTest(ShellTestCase):
    def test_semicolons_inside_strings_comments_and_dollar_quotes(self):
        self.check(["-list", "-noheader"], "a;b\nc;d\n2\nit's;\n3\n",
                   stdin="SELECT $$a;b$$; SELECT 'c;d'; -- e;\n"
                         "SELECT /* ; */ 2;\n"
                         "SELECT E'it\\'s;';\n"
                         "SELECT 3 -- the last statement may lack its semicolon\n")

    def test_a_statement_spans_lines_and_lines_hold_several_statements(self):
        self.check(["-list", "-noheader"], "1\n2\n3\n",
                   stdin="SELECT\n1\n;SELECT 2; SELECT\n3;\n")

    def test_empty_statements_and_comments_are_ignored(self):
        self.check(["-list", "-noheader"], "1\n",
                   stdin=";\n-- nothing\n/* nothing */;\n\nSELECT 1;\n")

    def test_dot_commands_only_at_the_start_of_a_line_outside_a_statement(self):
        self.check(["-list", "-noheader"], ".x\n",
                   stdin="SELECT\n'.x';\n")

    def test_echo(self):
        self.check(["-echo", "-list", "-noheader"], "SELECT 1;\n1\n.mode csv\nSELECT 2;\n2\n",
                   stdin="SELECT 1;\n.mode csv\nSELECT 2;\n")

    def test_sql_after_the_file_name_runs_like_c(self):
        self.check([":memory:", "SELECT 7 AS x", "-list"], "x\n7\n")

    def test_timer(self):
        result = self.run_shell("-list", "-noheader", "-c", ".timer on", "-c", "SELECT 1")
        self.assertEqual(result.returncode, 0)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "1")
        self.assertRegex(lines[1], r"^Run Time \(s\): real \d+\.\d{3} user \d+\.\d{3} sys \d+\.\d{3}$")
        self.assertEqual(len(lines), 2)
        # A failing statement is timed too; .timer off stops it.
        result = self.run_shell("-c", ".timer on", "-c", "SELECT nope", "-c", ".timer off",
                                "-c", "SELECT 1", "-list", "-noheader")
        self.assertEqual(len(re.findall(r"Run Time \(s\)", result.stdout)), 1)

    def test_changes(self):
        self.check(["-c", ".changes on", "-c",
                    "CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1), (2), (3); "
                    "DELETE FROM t WHERE a > 1"],
                   "changes: 3   total_changes: 3\nchanges: 2   total_changes: 5\n")

    def test_init_file(self):
        self.write("init.sql", ".mode csv\nCREATE TABLE t AS SELECT 5 AS v;\n")
        self.check(["-init", self.path("init.sql"), "-c", "SELECT v FROM t"], "v\n5\n")
        self.write(".fluxdbrc", ".mode list\n")
        self.check(["-c", "SELECT 6 AS w"], "w\n6\n")
        self.check(["-init", self.path("missing.sql"), "-c", "SELECT 1"], "",
                   expected_stderr=f'Error: cannot open init file "{self.path("missing.sql")}"\n',
                   code=1)


if __name__ == "__main__":
    unittest.main()
