"""fluxdb-demo-gen: sizes, realism, determinism, and the shell on its output."""
import os
import subprocess
import time
import unittest

from shell_helpers import DEMO_GEN, ShellTestCase


class DemoTest(ShellTestCase):
    def generate(self, name, *extra):
        if not os.access(DEMO_GEN, os.X_OK):
            self.fail(f"{DEMO_GEN} is missing: build the fluxdb-demo-gen target")
        return subprocess.run([DEMO_GEN, *extra, name], capture_output=True, text=True,
                              cwd=self.dir, timeout=300)

    def query(self, sql, database="demo.fluxdb"):
        result = self.run_shell(database, "-readonly", "-csv", "-noheader", "-c", sql)
        self.assertEqual(result.stderr, "")
        self.assertEqual(result.returncode, 0)
        return result.stdout.strip()

    def test_demo_database(self):
        start = time.time()
        result = self.generate("demo.fluxdb")
        elapsed = time.time() - start
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertLess(elapsed, 60)
        self.assertRegex(result.stdout, r"order_items +\d{7} rows")

        # Sizes.
        self.assertEqual(self.query("SELECT count(*) FROM customers"), "50000")
        self.assertEqual(self.query("SELECT count(*) FROM products"), "5000")
        self.assertEqual(self.query("SELECT count(*) FROM orders"), "500000")
        self.assertGreaterEqual(int(self.query("SELECT count(*) FROM order_items")), 1_500_000)
        self.assertEqual(self.run_shell("demo.fluxdb", "-c", ".tables").stdout,
                         "customers     order_items   order_totals  orders        products\n")

        # Types and realistic values.
        schema = self.run_shell("demo.fluxdb", "-c", ".schema").stdout
        self.assertIn("price DECIMAL(10,2) NOT NULL", schema)
        self.assertIn("order_date DATE NOT NULL", schema)
        self.assertIn("ordered_at TIMESTAMP NOT NULL", schema)
        self.assertEqual(self.query("SELECT min(order_date), max(order_date) FROM orders"),
                         "2019-01-03,2024-12-31")
        self.assertEqual(self.query("SELECT count(DISTINCT category) FROM products"), "9")
        # NULLs where they are realistic, and not everywhere.
        nulls = self.query("SELECT count(*) - count(loyalty_tier), count(*) - count(email), "
                           "count(*) - count(birth_year) FROM customers").split(",")
        for count in nulls:
            self.assertGreater(int(count), 1000)
            self.assertLess(int(count), 25000)
        self.assertEqual(self.query("SELECT count(*) FROM orders WHERE shipped_date IS NULL AND "
                                    "status IN ('delivered', 'returned')"), "0")
        # Every order comes from a customer who had signed up by then.
        self.assertEqual(self.query("SELECT count(*) FROM orders o JOIN customers c "
                                    "ON o.customer_id = c.customer_id "
                                    "WHERE o.order_date < c.signup_date"), "0")
        self.assertEqual(self.query("SELECT count(*) FROM orders o JOIN customers c "
                                    "ON o.customer_id = c.customer_id"), "500000")
        # The line items carry their product's price.
        self.assertEqual(self.query("SELECT count(*) FROM order_items i JOIN products p "
                                    "ON i.product_id = p.product_id WHERE i.unit_price <> p.price"),
                         "0")
        self.assertEqual(self.query("SELECT count(*) FROM order_totals"), "500000")

        # Deterministic: a second run holds the same rows.
        self.assertEqual(self.generate("again.fluxdb").returncode, 0)
        for table in ("customers", "products", "orders", "order_items"):
            first = self.run_shell("demo.fluxdb", "-csv", "-c", f"SELECT * FROM {table}").stdout
            second = self.run_shell("again.fluxdb", "-csv", "-c", f"SELECT * FROM {table}").stdout
            self.assertEqual(first, second, table)

        # The generator does not overwrite without --force.
        result = self.generate("demo.fluxdb")
        self.assertEqual(result.returncode, 1)
        self.assertIn("exists; use --force", result.stderr)
        self.assertEqual(self.generate("demo.fluxdb", "--force", "--scale", "0.01").returncode, 0)
        self.assertEqual(self.query("SELECT count(*) FROM orders"), "5000")

    def test_sql_script(self):
        result = subprocess.run([DEMO_GEN, "--sql", "--scale", "0.01"], capture_output=True,
                                text=True, timeout=60)
        self.assertEqual(result.returncode, 0)
        self.assertIn("CREATE TABLE customers(", result.stdout)
        self.write("demo.sql", result.stdout)
        self.check(["script.db", "-c", ".read demo.sql", "-c",
                    "SELECT count(*) AS n FROM customers", "-list", "-noheader"], "500\n")


if __name__ == "__main__":
    unittest.main()
