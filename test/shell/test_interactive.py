"""The interactive shell on a pseudo-terminal: prompts, line editing history, Ctrl-C, Ctrl-D and
the progress bar."""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
import unittest

from shell_helpers import SHELL, ShellTestCase, has_libedit

# Casting every value to text keeps a worker busy for minutes (a bare count(*) over range is
# answered in seconds).
LONG_QUERY = b"SELECT sum(length(CAST(range AS VARCHAR))) FROM range(10000000000);\r"


class PtySession:
    """fluxdb running on a pseudo-terminal of `columns` columns."""

    def __init__(self, args, env, cwd, columns=100):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            try:
                os.chdir(cwd)
                os.execve(SHELL, [SHELL, *args], env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        self.output = b""
        self.position = 0  # where the next expect() starts looking
        self.status = None

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the child is gone
            return False
        if not data:
            return False
        self.output += data
        return True

    def expect(self, pattern, timeout=10):
        """Waits for `pattern` (a regex over the decoded output) after the previous match."""
        regex = re.compile(pattern)
        deadline = time.time() + timeout
        while True:
            text = self.output.decode("utf-8", "replace")
            match = regex.search(text, self.position)
            if match:
                self.position = match.end()
                return match
            remaining = deadline - time.time()
            if remaining <= 0 or not self._read(min(remaining, 0.1)) and self.exited():
                raise AssertionError(f"{pattern!r} not seen; output:\n{text[self.position:]}")

    def send(self, data):
        # libedit shows its prompt a moment before it puts the terminal in raw mode; keys typed
        # in between get the terminal's cooked treatment (a Ctrl-D there is lost). A person is
        # never that fast, a test is: give the shell that moment.
        time.sleep(0.1)
        os.write(self.fd, data)

    def exited(self):
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid != 0:
                self.status = status
        return self.status is not None

    def wait(self, timeout=10):
        deadline = time.time() + timeout
        while not self.exited():
            if time.time() > deadline:
                raise AssertionError("the shell did not exit")
            self._read(0.05)
        return os.waitstatus_to_exitcode(self.status)

    def close(self):
        if not self.exited():
            os.kill(self.pid, signal.SIGKILL)
            self.wait()
        os.close(self.fd)


class InteractiveTest(ShellTestCase):
    def start(self, *args, columns=100):
        session = PtySession(list(args), self.env, self.dir, columns)
        self.addCleanup(session.close)
        session.expect(r'Enter "\.help" for usage hints\.')
        session.expect(r"fluxdb> ")
        return session

    def test_prompt_continuation_prompt_and_result(self):
        shell = self.start()
        shell.send(b"SELECT 1\r")
        shell.expect(r"   \.\.\.> ")
        shell.send(b"+ 41 AS x;\r")
        shell.expect(r"│    42 │")
        shell.expect(r"fluxdb> ")
        shell.send(b".mode csv\r")
        shell.expect(r"fluxdb> ")
        shell.send(b"SELECT 'a' AS s;\r")
        shell.expect(r"s\r\na\r\n")
        # Keys typed before the prompt may be lost while the terminal changes modes (as with any
        # line editor), so every key waits for its prompt.
        shell.expect(r"fluxdb> ")
        shell.send(b"\x04")  # Ctrl-D
        self.assertEqual(shell.wait(), 0)

    def test_history_is_written(self):
        shell = self.start()
        shell.send(b"SELECT 1\r")
        shell.expect(r"   \.\.\.> ")
        shell.send(b"AS one;\r")
        shell.expect(r"fluxdb> ")
        shell.send(b".mode line\r")
        shell.expect(r"fluxdb> ")
        shell.send(b".quit\r")
        self.assertEqual(shell.wait(), 0)
        lines = self.read(".fluxdb_history").splitlines()
        self.assertEqual(lines[0], "_HiStOrY_V2_")
        decoded = [re.sub(r"\\(\d{3})", lambda m: chr(int(m.group(1), 8)), line)
                   for line in lines[1:]]
        self.assertEqual(decoded, ["SELECT 1 AS one;", ".mode line", ".quit"])

    @unittest.skipUnless(has_libedit(), "built without libedit: no line editing")
    def test_history_is_read_back(self):
        self.write(".fluxdb_history", "_HiStOrY_V2_\nSELECT\\04077\\040AS\\040remembered;\n")
        shell = self.start()
        shell.send(b"\x1b[A\r")  # up arrow, then enter
        shell.expect(r"remembered")
        shell.expect(r"│\s+77 │")

    def test_ctrl_c_interrupts_a_running_query_and_the_shell_goes_on(self):
        shell = self.start()
        shell.send(LONG_QUERY)
        time.sleep(0.5)
        started = time.time()
        shell.send(b"\x03")  # Ctrl-C
        shell.expect(r"Interrupted", timeout=15)
        self.assertLess(time.time() - started, 5)
        shell.expect(r"fluxdb> ")
        shell.send(b"SELECT 42 AS v;\r")
        shell.expect(r"│    42 │")
        shell.expect(r"fluxdb> ")
        shell.send(b"\x04")
        self.assertEqual(shell.wait(), 0)

    def test_progress_bar_after_two_seconds(self):
        shell = self.start()
        shell.send(LONG_QUERY)
        shell.expect(r"▕[ █]{30}▏ \d+\.\ds  \(Ctrl-C to cancel\)", timeout=10)
        shell.send(b"\x03")
        shell.expect(r"\r\x1b\[2KINTERRUPT Error: Interrupted!", timeout=15)
        shell.expect(r"fluxdb> ")

    def test_quick_queries_show_no_progress_bar(self):
        shell = self.start()
        shell.send(b"SELECT 1 AS q;\r")
        shell.expect(r"fluxdb> ")
        self.assertNotIn(b"Ctrl-C to cancel", shell.output)

    def test_ctrl_c_at_the_prompt_abandons_the_statement(self):
        shell = self.start()
        shell.send(b"SELECT 'abc")
        shell.expect(r"SELECT 'abc")
        shell.send(b"\x03")
        shell.expect(r"fluxdb> ")
        shell.send(b"SELECT\r")
        shell.expect(r"   \.\.\.> ")
        shell.send(b"\x03")
        shell.expect(r"fluxdb> ")
        shell.send(b"SELECT 7 AS z;\r")
        shell.expect(r"│     7 │")
        self.assertNotIn(b"Error", shell.output)

    def test_box_fits_the_terminal_width(self):
        shell = self.start(columns=50)
        columns = ", ".join(f"'some text {i}' AS column_{i}" for i in range(10))
        shell.send(f"SELECT {columns};\r".encode())
        match = shell.expect(r"(┌[^\r\n]*)\r\n")
        self.assertLessEqual(len(match.group(1)), 50)
        shell.expect(r"10 columns \(\d shown\)")

    def test_errors_show_the_caret(self):
        shell = self.start()
        shell.send(b"SELEC 1;\r")
        shell.expect(r'Parser Error: syntax error at or near "SELEC"\r\n\r\n'
                     r"LINE 1: SELEC 1;\r\n        \^")
        shell.expect(r"fluxdb> ")

    @unittest.skipUnless(has_libedit(), "built without libedit: no line editing")
    def test_tab_completes_keywords_names_and_dot_commands(self):
        self.check(["data.db", "-c", "CREATE TABLE zebra_facts(stripes INTEGER)"], "")
        session = PtySession(["data.db"], self.env, self.dir)
        self.addCleanup(session.close)
        session.expect(r"fluxdb> ")
        session.send(b"sel\tcount(*) AS n fr\tzeb\t;\r")
        session.expect(r"│     0 │")
        session.expect(r"fluxdb> ")
        session.send(b".sh\t\r")
        session.expect(r"        mode: box")
        session.expect(r"fluxdb> ")
        session.send(b"SELECT str\t FROM zebra_facts;\r")
        session.expect(r"│ stripes │")

    def test_file_database_banner(self):
        session = PtySession(["data.db"], self.env, self.dir)
        self.addCleanup(session.close)
        session.expect(r"fluxdb> ")
        self.assertNotIn(b"in-memory", session.output)


class ScriptInterruptTest(ShellTestCase):
    def test_ctrl_c_stops_a_script(self):
        script = self.write("script.sql", "SELECT 1;\n" + LONG_QUERY.decode().replace("\r", "\n") +
                            "SELECT 3;\n")
        with open(script, "rb") as stdin:
            process = subprocess.Popen([SHELL, "-list", "-noheader"], stdin=stdin,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       cwd=self.dir, env=self.env)
        # Each statement's output is flushed: once "1" is out, the long query is running.
        self.assertEqual(process.stdout.readline(), b"1\n")
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=15)
        self.assertEqual(stdout, b"")
        self.assertEqual(stderr, b"INTERRUPT Error: Interrupted!\n")
        self.assertEqual(process.returncode, 1)


if __name__ == "__main__":
    unittest.main()
