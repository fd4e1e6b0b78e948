"""Helpers for the shell tests: find the binaries, run them in a scratch directory."""
import os
import shutil
import subprocess
import tempfile
import unittest

BUILD_DIR = os.path.abspath(os.environ.get("FLUXDB_BUILD_DIR", "build/release"))
SHELL = os.path.join(BUILD_DIR, "fluxdb")
DEMO_GEN = os.path.join(BUILD_DIR, "fluxdb-demo-gen")


def has_libedit():
    """Line editing (history recall, Tab) exists only when the shell was built with libedit."""
    try:
        libraries = subprocess.run(["ldd", SHELL], capture_output=True, text=True).stdout
    except OSError:
        return True
    return "libedit" in libraries


class ShellTestCase(unittest.TestCase):
    """Each test runs in a fresh directory that is also $HOME (no ~/.fluxdbrc, own history)."""

    def setUp(self):
        if not os.access(SHELL, os.X_OK):
            self.fail(f"{SHELL} is missing: build the fluxdb_shell target")
        self.dir = tempfile.mkdtemp(prefix="fluxdb-shell-test-")
        self.env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        self.env["HOME"] = self.dir
        self.env["TERM"] = "xterm"

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(text)
        return self.path(name)

    def read(self, name):
        with open(self.path(name), encoding="utf-8") as f:
            return f.read()

    def run_shell(self, *args, stdin="", timeout=60):
        """Runs fluxdb with `args`, feeding `stdin` through a pipe."""
        return subprocess.run([SHELL, *args], input=stdin, capture_output=True, text=True,
                              cwd=self.dir, env=self.env, timeout=timeout)

    def check(self, args, expected_stdout, stdin="", expected_stderr="", code=0):
        result = self.run_shell(*args, stdin=stdin)
        self.assertEqual(result.stdout, expected_stdout)
        self.assertEqual(result.stderr, expected_stderr)
        self.assertEqual(result.returncode, code)
        return result
