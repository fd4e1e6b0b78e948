/* Tests of the C API, written in plain C11 against include/fluxdb.h and the shared library:
 * every function, with the misuse cases the header promises to survive (NULL handles, double
 * destroys, indexes out of range, wrong parameter index or type) and the error messages. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fluxdb.h"

static int checks = 0;
static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    checks++;                                                                  \
    if (!(cond)) {                                                             \
      failures++;                                                              \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)
#define CHECK_OK(expr) CHECK((expr) == FLUXDB_OK)
#define CHECK_ERR(expr) CHECK((expr) == FLUXDB_ERROR)
#define CHECK_STR(actual, expected) check_str(__FILE__, __LINE__, (actual), (expected))
#define CHECK_CONTAINS(actual, needle) check_contains(__FILE__, __LINE__, (actual), (needle))

static void check_str(const char* file, int line, const char* actual, const char* expected) {
  checks++;
  if (actual == NULL || strcmp(actual, expected) != 0) {
    failures++;
    fprintf(stderr, "%s:%d: expected \"%s\", got %s%s%s\n", file, line, expected,
            actual ? "\"" : "", actual ? actual : "NULL", actual ? "\"" : "");
  }
}

static void check_contains(const char* file, int line, const char* actual, const char* needle) {
  checks++;
  if (actual == NULL || strstr(actual, needle) == NULL) {
    failures++;
    fprintf(stderr, "%s:%d: expected a text containing \"%s\", got %s\n", file, line, needle,
            actual ? actual : "NULL");
  }
}

/* Checks fluxdb_value_varchar's text and frees it. */
static void check_varchar(fluxdb_result* r, uint64_t col, uint64_t row, const char* expected,
                          int line) {
  char* text = fluxdb_value_varchar(r, col, row);
  check_str(__FILE__, line, text, expected);
  fluxdb_free(text);
}
#define CHECK_VARCHAR(r, col, row, expected) check_varchar((r), (col), (row), (expected), __LINE__)

static void run(fluxdb_connection con, const char* sql) {
  fluxdb_result r;
  if (fluxdb_query(con, sql, &r) != FLUXDB_OK) {
    failures++;
    fprintf(stderr, "query failed: %s\n  %s\n", sql, fluxdb_result_error(&r));
  }
  checks++;
  fluxdb_destroy_result(&r);
}

static int64_t scalar_int(fluxdb_connection con, const char* sql) {
  fluxdb_result r;
  int64_t v = -999999;
  if (fluxdb_query(con, sql, &r) == FLUXDB_OK) {
    v = fluxdb_value_int64(&r, 0, 0);
  } else {
    fprintf(stderr, "query failed: %s\n  %s\n", sql, fluxdb_result_error(&r));
  }
  fluxdb_destroy_result(&r);
  return v;
}

static char temp_dir[256];

static void make_temp_dir(void) {
  const char* base = getenv("TMPDIR");
  snprintf(temp_dir, sizeof(temp_dir), "%s/fluxdb_c_api_XXXXXX", base ? base : "/tmp");
  if (mkdtemp(temp_dir) == NULL) {
    perror("mkdtemp");
    exit(2);
  }
}

static void remove_temp_dir(void) {
  char command[512];
  snprintf(command, sizeof(command), "rm -rf '%s'", temp_dir);
  if (system(command) != 0) fprintf(stderr, "could not remove %s\n", temp_dir);
}

/* ---------------------------------------------------------------------------------------- */

static void test_library(void) {
  const char* version = fluxdb_library_version();
  CHECK(version != NULL && version[0] != '\0');
  CHECK_STR(version, "0.1.0");
  void* p = fluxdb_malloc(16);
  CHECK(p != NULL);
  memset(p, 1, 16);
  fluxdb_free(p);
  fluxdb_free(NULL);
}

static void test_open_close(void) {
  fluxdb_database db = NULL;
  CHECK_OK(fluxdb_open(NULL, &db));
  CHECK(db != NULL);
  fluxdb_close(&db);
  CHECK(db == NULL);
  fluxdb_close(&db); /* twice: harmless */
  fluxdb_close(NULL);

  CHECK_OK(fluxdb_open(":memory:", &db));
  fluxdb_close(&db);
  CHECK_OK(fluxdb_open("", &db));
  fluxdb_close(&db);

  CHECK_ERR(fluxdb_open(NULL, NULL));
  CHECK(fluxdb_open_error()[0] != '\0');

  db = (fluxdb_database)0x1; /* garbage in the output is overwritten */
  CHECK_ERR(fluxdb_open("/nonexistent_dir_for_fluxdb/x/y.db", &db));
  CHECK(db == NULL);
  CHECK_CONTAINS(fluxdb_open_error(), "IO Error");

  /* A file that is not a database. */
  char path[512];
  snprintf(path, sizeof(path), "%s/not_a_database.db", temp_dir);
  FILE* f = fopen(path, "w");
  fputs(
      "this is not a FluxDB file, just some text that is long enough to have a header........"
      "..................................................................................",
      f);
  fclose(f);
  CHECK_ERR(fluxdb_open(path, &db));
  CHECK(db == NULL);
  CHECK(fluxdb_open_error()[0] != '\0');

  /* A successful open clears the thread's error. */
  CHECK_OK(fluxdb_open(NULL, &db));
  CHECK_STR(fluxdb_open_error(), "");
  fluxdb_close(&db);
}

static void test_config(void) {
  fluxdb_config config = NULL;
  CHECK_ERR(fluxdb_create_config(NULL));
  CHECK_OK(fluxdb_create_config(&config));
  CHECK(config != NULL);
  CHECK_OK(fluxdb_set_config(config, "threads", "2"));
  CHECK_OK(fluxdb_set_config(config, "THREADS", "1"));
  CHECK_OK(fluxdb_set_config(config, "memory_limit", "1GB"));
  CHECK_OK(fluxdb_set_config(config, "max_memory", "512 MiB"));
  CHECK_OK(fluxdb_set_config(config, "memory_limit", "100000000"));
  CHECK_OK(fluxdb_set_config(config, "access_mode", "READ_WRITE"));
  CHECK_OK(fluxdb_set_config(config, "access_mode", "automatic"));
  CHECK_ERR(fluxdb_set_config(config, "threads", "0"));
  CHECK_ERR(fluxdb_set_config(config, "threads", "many"));
  CHECK_ERR(fluxdb_set_config(config, "memory_limit", "lots"));
  CHECK_ERR(fluxdb_set_config(config, "access_mode", "sometimes"));
  CHECK_ERR(fluxdb_set_config(config, "no_such_option", "1"));
  CHECK_ERR(fluxdb_set_config(config, NULL, "1"));
  CHECK_ERR(fluxdb_set_config(config, "threads", NULL));
  CHECK_ERR(fluxdb_set_config(NULL, "threads", "1"));

  fluxdb_database db = NULL;
  CHECK_OK(fluxdb_open_ext(NULL, &db, config));
  fluxdb_connection con = NULL;
  CHECK_OK(fluxdb_connect(db, &con));
  CHECK(scalar_int(con, "SELECT count(*) FROM range(100000)") == 100000);
  CHECK(scalar_int(con, "PRAGMA threads") == 1);
  fluxdb_result limit;
  CHECK_OK(fluxdb_query(con, "PRAGMA memory_limit", &limit));
  CHECK_VARCHAR(&limit, 0, 0, "100 MB");
  fluxdb_destroy_result(&limit);
  fluxdb_disconnect(&con);
  fluxdb_close(&db);

  /* Several threads. */
  CHECK_OK(fluxdb_set_config(config, "threads", "3"));
  CHECK_OK(fluxdb_open_ext(NULL, &db, config));
  CHECK_OK(fluxdb_connect(db, &con));
  CHECK(scalar_int(con, "PRAGMA threads") == 3);
  CHECK(scalar_int(con, "SELECT sum(range) FROM range(1000000)") == 499999500000LL);
  fluxdb_disconnect(&con);
  fluxdb_close(&db);

  CHECK_OK(fluxdb_open_ext(NULL, &db, NULL)); /* NULL config: defaults */
  fluxdb_close(&db);

  /* An in-memory database cannot be read-only. */
  CHECK_OK(fluxdb_set_config(config, "access_mode", "read_only"));
  CHECK_ERR(fluxdb_open_ext(NULL, &db, config));
  CHECK_CONTAINS(fluxdb_open_error(), "read-only");
  CHECK(db == NULL);

  /* A read-only file database answers queries and refuses writes. */
  char path[512];
  snprintf(path, sizeof(path), "%s/readonly.db", temp_dir);
  CHECK_OK(fluxdb_open(path, &db));
  CHECK_OK(fluxdb_connect(db, &con));
  run(con, "CREATE TABLE t(i INTEGER)");
  run(con, "INSERT INTO t VALUES (1), (2), (3)");
  fluxdb_disconnect(&con);
  fluxdb_close(&db);

  CHECK_OK(fluxdb_open_ext(path, &db, config));
  CHECK_OK(fluxdb_connect(db, &con));
  CHECK(scalar_int(con, "SELECT sum(i) FROM t") == 6);
  fluxdb_result r;
  CHECK_ERR(fluxdb_query(con, "INSERT INTO t VALUES (4)", &r));
  CHECK_CONTAINS(fluxdb_result_error(&r), "read-only");
  fluxdb_destroy_result(&r);
  fluxdb_appender app = NULL;
  CHECK_OK(fluxdb_appender_create(con, NULL, "t", &app));
  CHECK_OK(fluxdb_append_int32(app, 5));
  CHECK_OK(fluxdb_appender_end_row(app));
  CHECK_ERR(fluxdb_appender_flush(app));
  CHECK_CONTAINS(fluxdb_appender_error(app), "read-only");
  CHECK_OK(fluxdb_appender_destroy(&app)); /* nothing left to flush */
  CHECK(scalar_int(con, "SELECT count(*) FROM t") == 3);
  fluxdb_disconnect(&con);
  fluxdb_close(&db);

  fluxdb_destroy_config(&config);
  CHECK(config == NULL);
  fluxdb_destroy_config(&config);
  fluxdb_destroy_config(NULL);
}

static void test_connect(void) {
  fluxdb_database db = NULL;
  fluxdb_connection con = (fluxdb_connection)0x1;
  CHECK_ERR(fluxdb_connect(NULL, &con));
  CHECK(con == NULL);
  CHECK_OK(fluxdb_open(NULL, &db));
  CHECK_ERR(fluxdb_connect(db, NULL));
  CHECK_OK(fluxdb_connect(db, &con));
  fluxdb_connection con2 = NULL;
  CHECK_OK(fluxdb_connect(db, &con2));
  run(con, "CREATE TABLE shared(x INTEGER)");
  run(con2, "INSERT INTO shared VALUES (7)");
  CHECK(scalar_int(con, "SELECT x FROM shared") == 7);

  /* Closing the database while connections live: they keep working. */
  fluxdb_close(&db);
  CHECK(db == NULL);
  CHECK(scalar_int(con, "SELECT x + 1 FROM shared") == 8);
  fluxdb_disconnect(&con2);
  CHECK(con2 == NULL);
  fluxdb_disconnect(&con2);
  CHECK(scalar_int(con, "SELECT count(*) FROM shared") == 1);
  fluxdb_interrupt(con); /* nothing running: no effect on the next query */
  fluxdb_interrupt(NULL);
  CHECK(scalar_int(con, "SELECT 41 + 1") == 42);
  fluxdb_disconnect(&con);
  fluxdb_disconnect(NULL);

  /* Using closed handles: they are NULL now. */
  fluxdb_result r;
  CHECK_ERR(fluxdb_connect(db, &con));
  CHECK_ERR(fluxdb_query(con, "SELECT 1", &r));
  CHECK(fluxdb_result_error(&r) != NULL);
  fluxdb_destroy_result(&r);
}

static void test_query(void) {
  fluxdb_database db;
  fluxdb_connection con;
  fluxdb_result r;
  CHECK_OK(fluxdb_open(NULL, &db));
  CHECK_OK(fluxdb_connect(db, &con));

  CHECK_ERR(fluxdb_query(NULL, "SELECT 1", &r));
  CHECK_CONTAINS(fluxdb_result_error(&r), "connection");
  fluxdb_destroy_result(&r);
  CHECK_ERR(fluxdb_query(con, NULL, &r));
  CHECK(fluxdb_result_error(&r) != NULL);
  fluxdb_destroy_result(&r);
  CHECK_ERR(fluxdb_query(NULL, "SELECT 1", NULL));
  CHECK_OK(fluxdb_query(con, "SELECT 1", NULL));
  CHECK_ERR(fluxdb_query(con, "SELEC 1", NULL));

  /* Errors. */
  CHECK_ERR(fluxdb_query(con, "SELECT 1 FROM", &r));
  CHECK_CONTAINS(fluxdb_result_error(&r), "Parser Error");
  CHECK(fluxdb_result_error_offset(&r) >= 0);
  CHECK(fluxdb_row_count(&r) == 0);
  CHECK(fluxdb_column_count(&r) == 0);
  CHECK(fluxdb_column_name(&r, 0) == NULL);
  CHECK(fluxdb_value_int64(&r, 0, 0) == 0);
  fluxdb_destroy_result(&r);
  CHECK_ERR(fluxdb_query(con, "SELECT * FROM no_such_table", &r));
  CHECK_CONTAINS(fluxdb_result_error(&r), "Catalog Error");
  CHECK_CONTAINS(fluxdb_result_error(&r), "no_such_table");
  fluxdb_destroy_result(&r);
  CHECK_ERR(fluxdb_query(con, "SELECT 'abc'::INTEGER", &r));
  CHECK_CONTAINS(fluxdb_result_error(&r), "Conversion Error");
  CHECK(fluxdb_result_error_offset(&r) == -1 || fluxdb_result_error_offset(&r) >= 0);
  fluxdb_destroy_result(&r);

  /* Statements without rows; rows changed. */
  CHECK_OK(fluxdb_query(con, "CREATE TABLE t(a INTEGER, b VARCHAR)", &r));
  CHECK(fluxdb_result_error(&r) == NULL);
  CHECK(fluxdb_column_count(&r) == 0);
  CHECK(fluxdb_row_count(&r) == 0);
  CHECK(fluxdb_rows_changed(&r) == 0);
  fluxdb_destroy_result(&r);
  CHECK_OK(fluxdb_query(con, "INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, NULL)", &r));
  CHECK(fluxdb_rows_changed(&r) == 3);
  fluxdb_destroy_result(&r);
  CHECK_OK(fluxdb_query(con, "UPDATE t SET b = 'x' WHERE a >= 2", &r));
  CHECK(fluxdb_rows_changed(&r) == 2);
  fluxdb_destroy_result(&r);

  /* Several statements: the last one's result. */
  CHECK_OK(fluxdb_query(con, "INSERT INTO t VALUES (4, 'four'); SELECT count(*) AS n FROM t", &r));
  CHECK(fluxdb_value_int64(&r, 0, 0) == 4);
  CHECK_STR(fluxdb_column_name(&r, 0), "n");
  fluxdb_destroy_result(&r);

  CHECK_OK(fluxdb_query(con, "SELECT a, b FROM t ORDER BY a", &r));
  CHECK(fluxdb_result_error(&r) == NULL);
  CHECK(fluxdb_result_error_offset(&r) == -1);
  CHECK(fluxdb_column_count(&r) == 2);
  CHECK(fluxdb_row_count(&r) == 4);
  CHECK(fluxdb_rows_changed(&r) == 0);
  CHECK_STR(fluxdb_column_name(&r, 0), "a");
  CHECK_STR(fluxdb_column_name(&r, 1), "b");
  CHECK(fluxdb_column_name(&r, 2) == NULL);
  CHECK(fluxdb_column_type(&r, 0) == FLUXDB_TYPE_INTEGER);
  CHECK(fluxdb_column_type(&r, 1) == FLUXDB_TYPE_VARCHAR);
  CHECK(fluxdb_column_type(&r, 2) == FLUXDB_TYPE_INVALID);
  CHECK(fluxdb_column_decimal_width(&r, 0) == 0);
  CHECK(fluxdb_column_decimal_scale(&r, 9) == 0);
  CHECK(fluxdb_value_int32(&r, 0, 3) == 4);
  CHECK_VARCHAR(&r, 1, 0, "one");
  CHECK(fluxdb_value_is_null(&r, 1, 0) == false);
  CHECK(fluxdb_value_is_null(&r, 1, 2) == false);
  /* Out of range: defined answers. */
  CHECK(fluxdb_value_is_null(&r, 5, 0) == true);
  CHECK(fluxdb_value_is_null(&r, 0, 99) == true);
  CHECK(fluxdb_value_int64(&r, 0, 99) == 0);
  CHECK(fluxdb_value_int64(&r, 7, 0) == 0);
  CHECK(fluxdb_value_varchar(&r, 0, 4) == NULL);
  CHECK(fluxdb_value_double(&r, 3, 3) == 0.0);
  /* Conversions between types, as CAST. */
  CHECK_VARCHAR(&r, 0, 1, "2");
  CHECK(fluxdb_value_double(&r, 0, 1) == 2.0);
  CHECK(fluxdb_value_int64(&r, 1, 0) == 0); /* 'one' is no number */
  CHECK(fluxdb_value_boolean(&r, 0, 0) == true);
  fluxdb_destroy_result(&r);
  fluxdb_destroy_result(&r); /* twice */
  CHECK(fluxdb_row_count(&r) == 0);
  CHECK(fluxdb_result_error(&r) == NULL);
  fluxdb_destroy_result(NULL);

  /* NULL result pointers. */
  CHECK(fluxdb_result_error(NULL) == NULL);
  CHECK(fluxdb_row_count(NULL) == 0);
  CHECK(fluxdb_column_count(NULL) == 0);
  CHECK(fluxdb_column_name(NULL, 0) == NULL);
  CHECK(fluxdb_column_type(NULL, 0) == FLUXDB_TYPE_INVALID);
  CHECK(fluxdb_value_is_null(NULL, 0, 0) == true);
  CHECK(fluxdb_value_varchar(NULL, 0, 0) == NULL);
  CHECK(fluxdb_result_chunk_count(NULL) == 0);
  CHECK(fluxdb_result_error_offset(NULL) == -1);

  /* Empty result. */
  CHECK_OK(fluxdb_query(con, "SELECT a FROM t WHERE a > 100", &r));
  CHECK(fluxdb_row_count(&r) == 0);
  CHECK(fluxdb_column_count(&r) == 1);
  CHECK(fluxdb_result_chunk_count(&r) == 0);
  CHECK(fluxdb_value_is_null(&r, 0, 0) == true);
  fluxdb_destroy_result(&r);

  /* Untyped NULL. */
  CHECK_OK(fluxdb_query(con, "SELECT NULL AS n", &r));
  CHECK(fluxdb_column_type(&r, 0) == FLUXDB_TYPE_SQLNULL ||
        fluxdb_column_type(&r, 0) == FLUXDB_TYPE_INTEGER);
  CHECK(fluxdb_value_is_null(&r, 0, 0) == true);
  CHECK(fluxdb_value_varchar(&r, 0, 0) == NULL);
  fluxdb_destroy_result(&r);

  /* Transactions through SQL. */
  run(con, "BEGIN TRANSACTION");
  run(con, "INSERT INTO t VALUES (100, 'rolled back')");
  run(con, "ROLLBACK");
  CHECK(scalar_int(con, "SELECT count(*) FROM t WHERE a = 100") == 0);

  fluxdb_disconnect(&con);
  fluxdb_close(&db);
}

static const char* kTypesTable =
    "CREATE TABLE types(b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INTEGER, i64 BIGINT, "
    "h HUGEINT, f FLOAT, d DOUBLE, dec DECIMAL(10,2), big DECIMAL(38,4), s VARCHAR, bl BLOB, "
    "dt DATE, tm TIME, ts TIMESTAMP, iv INTERVAL, d4 DECIMAL(4,1), d9 DECIMAL(9,3))";
static const char* kTypesRow =
    "INSERT INTO types VALUES (true, -8, -16, -32, -64, "
    "170141183460469231731687303715884105727, 1.5, 2.25, 12.50, "
    "-12345678901234567890.1234, 'a string longer than twelve bytes', '\\x01\\xFFab'::BLOB, "
    "DATE '2024-02-29', TIME '12:34:56.5', TIMESTAMP '1969-12-31 23:59:59.25', "
    "INTERVAL '1 year 2 months 3 days 04:05:06', 123.4, 123456.789)";

static void test_types(void) {
  fluxdb_database db;
  fluxdb_connection con;
  fluxdb_result r;
  CHECK_OK(fluxdb_open(NULL, &db));
  CHECK_OK(fluxdb_connect(db, &con));
  run(con, kTypesTable);
  run(con, kTypesRow);
  run(con,
      "INSERT INTO types VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
      "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
  CHECK_OK(fluxdb_query(con, "SELECT * FROM types", &r));
  CHECK(fluxdb_row_count(&r) == 2);
  CHECK(fluxdb_column_count(&r) == 18);
  const fluxdb_type expected[] = {FLUXDB_TYPE_BOOLEAN,  FLUXDB_TYPE_TINYINT, FLUXDB_TYPE_SMALLINT,
                                  FLUXDB_TYPE_INTEGER,  FLUXDB_TYPE_BIGINT,  FLUXDB_TYPE_HUGEINT,
                                  FLUXDB_TYPE_FLOAT,    FLUXDB_TYPE_DOUBLE,  FLUXDB_TYPE_DECIMAL,
                                  FLUXDB_TYPE_DECIMAL,  FLUXDB_TYPE_VARCHAR, FLUXDB_TYPE_BLOB,
                                  FLUXDB_TYPE_DATE,     FLUXDB_TYPE_TIME,    FLUXDB_TYPE_TIMESTAMP,
                                  FLUXDB_TYPE_INTERVAL, FLUXDB_TYPE_DECIMAL, FLUXDB_TYPE_DECIMAL};
  for (uint64_t c = 0; c < 18; c++) {
    CHECK(fluxdb_column_type(&r, c) == expected[c]);
    CHECK(fluxdb_value_is_null(&r, c, 0) == false);
    CHECK(fluxdb_value_is_null(&r, c, 1) == true);
  }
  CHECK(fluxdb_value_boolean(&r, 0, 0) == true);
  CHECK(fluxdb_value_int8(&r, 1, 0) == -8);
  CHECK(fluxdb_value_int16(&r, 2, 0) == -16);
  CHECK(fluxdb_value_int32(&r, 3, 0) == -32);
  CHECK(fluxdb_value_int64(&r, 4, 0) == -64);
  fluxdb_hugeint h = fluxdb_value_hugeint(&r, 5, 0);
  CHECK(h.upper == INT64_MAX && h.lower == UINT64_MAX);
  int64_t small;
  CHECK(!fluxdb_hugeint_to_int64(h, &small));
  CHECK(fluxdb_hugeint_to_int64(fluxdb_int64_to_hugeint(-5), &small) && small == -5);
  CHECK(fluxdb_int64_to_hugeint(-1).upper == -1);
  CHECK(fabs(fluxdb_hugeint_to_double(h) - 1.7014118346046923e38) < 1e24);
  CHECK(fluxdb_value_int64(&r, 5, 0) == 0); /* does not fit */
  CHECK(fluxdb_value_float(&r, 6, 0) == 1.5f);
  CHECK(fluxdb_value_double(&r, 7, 0) == 2.25);
  CHECK(fluxdb_value_double(&r, 6, 0) == 1.5);

  CHECK(fluxdb_column_decimal_width(&r, 8) == 10);
  CHECK(fluxdb_column_decimal_scale(&r, 8) == 2);
  fluxdb_decimal dec = fluxdb_value_decimal(&r, 8, 0);
  CHECK(dec.width == 10 && dec.scale == 2);
  CHECK(dec.value.lower == 1250 && dec.value.upper == 0);
  CHECK(fluxdb_decimal_to_double(dec) == 12.5);
  CHECK_VARCHAR(&r, 8, 0, "12.50");
  CHECK(fluxdb_value_double(&r, 8, 0) == 12.5);
  CHECK(fluxdb_value_int64(&r, 8, 0) == 13); /* CAST rounds */
  fluxdb_decimal big = fluxdb_value_decimal(&r, 9, 0);
  CHECK(big.width == 38 && big.scale == 4);
  CHECK(big.value.upper < 0); /* negative */
  CHECK_VARCHAR(&r, 9, 0, "-12345678901234567890.1234");
  CHECK(fabs(fluxdb_decimal_to_double(big) + 12345678901234567890.1234) < 1e5);
  fluxdb_decimal d4 = fluxdb_value_decimal(&r, 16, 0);
  CHECK(d4.width == 4 && d4.scale == 1 && d4.value.lower == 1234);
  fluxdb_decimal d9 = fluxdb_value_decimal(&r, 17, 0);
  CHECK(d9.width == 9 && d9.scale == 3 && d9.value.lower == 123456789);
  fluxdb_decimal from_int = fluxdb_value_decimal(&r, 4, 0);
  CHECK(from_int.scale == 0 && from_int.value.upper == -1);

  CHECK_VARCHAR(&r, 10, 0, "a string longer than twelve bytes");
  fluxdb_blob blob = fluxdb_value_blob(&r, 11, 0);
  CHECK(blob.size == 4);
  CHECK(blob.data != NULL && memcmp(blob.data,
                                    "\x01\xff"
                                    "ab",
                                    4) == 0);
  fluxdb_free(blob.data);
  CHECK_VARCHAR(&r, 11, 0, "\\x01\\xFFab");
  fluxdb_blob text_blob = fluxdb_value_blob(&r, 10, 0);
  CHECK(text_blob.size == 33);
  fluxdb_free(text_blob.data);
  fluxdb_blob no_blob = fluxdb_value_blob(&r, 3, 0);
  CHECK(no_blob.data == NULL && no_blob.size == 0);

  fluxdb_date date = fluxdb_value_date(&r, 12, 0);
  fluxdb_date_struct ds = fluxdb_from_date(date);
  CHECK(ds.year == 2024 && ds.month == 2 && ds.day == 29);
  CHECK(fluxdb_to_date(ds).days == date.days);
  CHECK(date.days == 19782);
  CHECK_VARCHAR(&r, 12, 0, "2024-02-29");
  fluxdb_time tm = fluxdb_value_time(&r, 13, 0);
  fluxdb_time_struct tms = fluxdb_from_time(tm);
  CHECK(tms.hour == 12 && tms.min == 34 && tms.sec == 56 && tms.micros == 500000);
  CHECK(fluxdb_to_time(tms).micros == tm.micros);
  CHECK_VARCHAR(&r, 13, 0, "12:34:56.5");
  fluxdb_timestamp ts = fluxdb_value_timestamp(&r, 14, 0);
  CHECK(ts.micros == -750000);
  fluxdb_timestamp_struct tss = fluxdb_from_timestamp(ts);
  CHECK(tss.date.year == 1969 && tss.date.month == 12 && tss.date.day == 31);
  CHECK(tss.time.hour == 23 && tss.time.min == 59 && tss.time.sec == 59 &&
        tss.time.micros == 250000);
  CHECK(fluxdb_to_timestamp(tss).micros == ts.micros);
  CHECK_VARCHAR(&r, 14, 0, "1969-12-31 23:59:59.25");
  CHECK(fluxdb_value_date(&r, 14, 0).days == -1); /* timestamp -> date */
  fluxdb_interval iv = fluxdb_value_interval(&r, 15, 0);
  CHECK(iv.months == 14 && iv.days == 3);
  CHECK(iv.micros == ((4 * 60 + 5) * 60 + 6) * 1000000LL);
  CHECK_VARCHAR(&r, 15, 0, "1 year 2 months 3 days 04:05:06");

  /* NULLs give zero values. */
  CHECK(fluxdb_value_boolean(&r, 0, 1) == false);
  CHECK(fluxdb_value_int64(&r, 4, 1) == 0);
  CHECK(fluxdb_value_double(&r, 7, 1) == 0.0);
  CHECK(fluxdb_value_varchar(&r, 10, 1) == NULL);
  CHECK(fluxdb_value_date(&r, 12, 1).days == 0);
  CHECK(fluxdb_value_decimal(&r, 8, 1).width == 0);
  fluxdb_blob null_blob = fluxdb_value_blob(&r, 11, 1);
  CHECK(null_blob.data == NULL);
  fluxdb_destroy_result(&r);

  /* Text to typed values. */
  CHECK_OK(fluxdb_query(con, "SELECT '42' AS a, '2020-01-02' AS b, 'true' AS c, '1.5' AS d", &r));
  CHECK(fluxdb_value_int64(&r, 0, 0) == 42);
  CHECK(fluxdb_value_int8(&r, 0, 0) == 42);
  CHECK(fluxdb_from_date(fluxdb_value_date(&r, 1, 0)).day == 2);
  CHECK(fluxdb_value_boolean(&r, 2, 0) == true);
  CHECK(fluxdb_value_double(&r, 3, 0) == 1.5);
  CHECK(fluxdb_value_decimal(&r, 3, 0).value.lower == 1500);
  fluxdb_destroy_result(&r);
  CHECK_OK(fluxdb_query(con, "SELECT 300 AS x", &r));
  CHECK(fluxdb_value_int8(&r, 0, 0) == 0); /* out of range */
  CHECK(fluxdb_value_int16(&r, 0, 0) == 300);
  fluxdb_destroy_result(&r);

  /* Lists and structs have no C layout: their text is the VARCHAR cast. */
  CHECK_OK(fluxdb_query(con, "SELECT [1, 2, NULL] AS l, {'a': 'x', 'b': [1.5]} AS s", &r));
  CHECK(fluxdb_column_type(&r, 0) == FLUXDB_TYPE_INVALID);
  CHECK_VARCHAR(&r, 0, 0, "[1, 2, NULL]");
  CHECK_VARCHAR(&r, 1, 0, "{'a': x, 'b': [1.5]}");
  fluxdb_destroy_result(&r);

  fluxdb_disconnect(&con);
  fluxdb_close(&db);
}

static void test_chunks(void) {
  fluxdb_database db;
  fluxdb_connection con;
  fluxdb_result r;
  CHECK_OK(fluxdb_open(NULL, &db));
  CHECK_OK(fluxdb_connect(db, &con));

  CHECK_OK(fluxdb_query(con,
                        "SELECT range AS i, CASE WHEN range % 3 = 0 THEN NULL ELSE range END AS n, "
                        "42 AS c, CASE WHEN range % 2 = 0 THEN 'short' ELSE "
                        "'a much longer string ' || range END AS s FROM range(5000)",
                        &r));
  uint64_t chunks = fluxdb_result_chunk_count(&r);
  CHECK(chunks >= 3);
  CHECK(fluxdb_result_get_chunk(&r, chunks) == NULL);
  uint64_t row = 0;
  int bad_values = 0;
  for (uint64_t ci = 0; ci < chunks; ci++) {
    fluxdb_data_chunk chunk = fluxdb_result_get_chunk(&r, ci);
    CHECK(chunk != NULL);
    CHECK(fluxdb_result_get_chunk(&r, ci) == chunk); /* same handle again */
    uint64_t size = fluxdb_data_chunk_get_size(chunk);
    CHECK(size > 0 && size <= 2048);
    CHECK(fluxdb_data_chunk_get_column_count(chunk) == 4);
    CHECK(fluxdb_data_chunk_get_vector(chunk, 4) == NULL);
    fluxdb_vector vi = fluxdb_data_chunk_get_vector(chunk, 0);
    fluxdb_vector vn = fluxdb_data_chunk_get_vector(chunk, 1);
    fluxdb_vector vc = fluxdb_data_chunk_get_vector(chunk, 2);
    fluxdb_vector vs = fluxdb_data_chunk_get_vector(chunk, 3);
    CHECK(fluxdb_vector_get_column_type(vi) == FLUXDB_TYPE_BIGINT);
    CHECK(fluxdb_vector_get_column_type(vs) == FLUXDB_TYPE_VARCHAR);
    const int64_t* i = (const int64_t*)fluxdb_vector_get_data(vi);
    const int64_t* n = (const int64_t*)fluxdb_vector_get_data(vn);
    const int32_t* c = (const int32_t*)fluxdb_vector_get_data(vc);
    fluxdb_string_t* s = (fluxdb_string_t*)fluxdb_vector_get_data(vs);
    uint64_t* n_validity = fluxdb_vector_get_validity(vn);
    CHECK(n_validity != NULL);
    CHECK(fluxdb_vector_get_validity(vi) == NULL);
    for (uint64_t k = 0; k < size; k++, row++) {
      if (i[k] != (int64_t)row) bad_values++;
      if (c[k] != 42) bad_values++;
      int valid = fluxdb_validity_row_is_valid(n_validity, k);
      if (valid != (row % 3 != 0)) bad_values++;
      if (valid && n[k] != (int64_t)row) bad_values++;
      char expected[64];
      if (row % 2 == 0) {
        snprintf(expected, sizeof(expected), "short");
      } else {
        snprintf(expected, sizeof(expected), "a much longer string %llu", (unsigned long long)row);
      }
      uint32_t length = fluxdb_string_length(s[k]);
      if (length != strlen(expected)) bad_values++;
      if (memcmp(fluxdb_string_data(&s[k]), expected, length) != 0) bad_values++;
      if (fluxdb_string_is_inlined(s[k]) != (length <= 12)) bad_values++;
    }
  }
  CHECK(bad_values == 0);
  CHECK(row == 5000);
  /* Row access agrees with chunk access. */
  CHECK(fluxdb_value_int64(&r, 1, 4) == 4);
  CHECK(fluxdb_value_is_null(&r, 1, 3));
  CHECK_VARCHAR(&r, 3, 4999, "a much longer string 4999");
  fluxdb_data_chunk chunk = fluxdb_result_get_chunk(&r, 0);
  fluxdb_destroy_data_chunk(&chunk);
  CHECK(chunk == NULL);
  fluxdb_destroy_data_chunk(NULL);
  fluxdb_destroy_result(&r);

  /* Misuse of chunk and vector handles. */
  CHECK(fluxdb_data_chunk_get_size(NULL) == 0);
  CHECK(fluxdb_data_chunk_get_column_count(NULL) == 0);
  CHECK(fluxdb_data_chunk_get_vector(NULL, 0) == NULL);
  CHECK(fluxdb_vector_get_data(NULL) == NULL);
  CHECK(fluxdb_vector_get_validity(NULL) == NULL);
  CHECK(fluxdb_vector_get_column_type(NULL) == FLUXDB_TYPE_INVALID);
  CHECK(fluxdb_validity_row_is_valid(NULL, 12345) == true);
  CHECK(fluxdb_string_data(NULL) == NULL);
  CHECK(fluxdb_result_get_chunk(NULL, 0) == NULL);

  /* Every type through vectors, with NULLs, from a table (scans may hand out dictionary and
   * constant vectors; the API flattens them). */
  run(con, kTypesTable);
  run(con, kTypesRow);
  run(con, "INSERT INTO types SELECT * FROM types");
  run(con, "INSERT INTO types (b) VALUES (NULL)");
  CHECK_OK(fluxdb_query(con, "SELECT * FROM types", &r));
  CHECK(fluxdb_result_chunk_count(&r) == 1);
  chunk = fluxdb_result_get_chunk(&r, 0);
  CHECK(fluxdb_data_chunk_get_size(chunk) == 3);
  const bool* vb = (const bool*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 0));
  CHECK(vb[0] == true && vb[1] == true);
  CHECK(((const int8_t*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 1)))[1] == -8);
  CHECK(((const int16_t*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 2)))[0] == -16);
  CHECK(((const int32_t*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 3)))[0] == -32);
  const fluxdb_hugeint* vh =
      (const fluxdb_hugeint*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 5));
  CHECK(vh[1].upper == INT64_MAX && vh[1].lower == UINT64_MAX);
  CHECK(((const float*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 6)))[0] == 1.5f);
  CHECK(((const double*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 7)))[0] == 2.25);
  CHECK(((const int64_t*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 8)))[0] ==
        1250);
  const fluxdb_hugeint* vbig =
      (const fluxdb_hugeint*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 9));
  CHECK(vbig[0].upper < 0);
  fluxdb_string_t* vbl =
      (fluxdb_string_t*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 11));
  CHECK(fluxdb_string_length(vbl[0]) == 4 &&
        memcmp(fluxdb_string_data(&vbl[0]), "\x01\xff", 2) == 0);
  CHECK(((const int32_t*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 12)))[0] ==
        19782);
  CHECK(((const int64_t*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 13)))[0] ==
        45296500000LL);
  CHECK(((const int64_t*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 14)))[0] ==
        -750000);
  const fluxdb_interval* viv =
      (const fluxdb_interval*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 15));
  CHECK(viv[0].months == 14 && viv[0].days == 3);
  CHECK(((const int16_t*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 16)))[0] ==
        1234);
  CHECK(((const int32_t*)fluxdb_vector_get_data(fluxdb_data_chunk_get_vector(chunk, 17)))[0] ==
        123456789);
  for (uint64_t c = 0; c < 18; c++) {
    fluxdb_vector v = fluxdb_data_chunk_get_vector(chunk, c);
    uint64_t* validity = fluxdb_vector_get_validity(v);
    CHECK(fluxdb_validity_row_is_valid(validity, 0));
    CHECK(fluxdb_validity_row_is_valid(validity, 1));
    CHECK(!fluxdb_validity_row_is_valid(validity, 2));
  }
  fluxdb_destroy_result(&r);

  /* A result outlives its connection and database. */
  CHECK_OK(fluxdb_query(con, "SELECT s FROM types", &r));
  fluxdb_disconnect(&con);
  fluxdb_close(&db);
  CHECK_VARCHAR(&r, 0, 1, "a string longer than twelve bytes");
  fluxdb_destroy_result(&r);
}

static void test_prepared(void) {
  fluxdb_database db;
  fluxdb_connection con;
  fluxdb_result r;
  fluxdb_prepared_statement stmt = NULL;
  CHECK_OK(fluxdb_open(NULL, &db));
  CHECK_OK(fluxdb_connect(db, &con));
  run(con, kTypesTable);

  CHECK_ERR(fluxdb_prepare(NULL, "SELECT 1", &stmt));
  CHECK(stmt == NULL);
  CHECK_ERR(fluxdb_prepare(con, "SELECT 1", NULL));
  CHECK_ERR(fluxdb_prepare(con, NULL, &stmt));
  CHECK(stmt != NULL);
  CHECK(fluxdb_prepare_error(stmt) != NULL);
  fluxdb_destroy_prepare(&stmt);
  CHECK(stmt == NULL);

  /* A statement that fails to prepare still gives a handle with the error. */
  CHECK_ERR(fluxdb_prepare(con, "SELEKT ?", &stmt));
  CHECK_CONTAINS(fluxdb_prepare_error(stmt), "Parser Error");
  CHECK(fluxdb_nparams(stmt) == 0);
  CHECK_ERR(fluxdb_bind_int64(stmt, 1, 1));
  CHECK_ERR(fluxdb_clear_bindings(stmt));
  CHECK_ERR(fluxdb_execute_prepared(stmt, &r));
  CHECK_CONTAINS(fluxdb_result_error(&r), "Parser Error");
  fluxdb_destroy_result(&r);
  fluxdb_destroy_prepare(&stmt);
  fluxdb_destroy_prepare(&stmt); /* twice */
  fluxdb_destroy_prepare(NULL);

  CHECK_ERR(fluxdb_prepare(con, "SELECT 1; SELECT 2", &stmt));
  CHECK(fluxdb_prepare_error(stmt) != NULL);
  fluxdb_destroy_prepare(&stmt);

  /* Every bind function. */
  CHECK_OK(fluxdb_prepare(con,
                          "INSERT INTO types VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                          "?, ?, ?)",
                          &stmt));
  CHECK(fluxdb_prepare_error(stmt) == NULL);
  CHECK(fluxdb_nparams(stmt) == 18);
  CHECK_OK(fluxdb_bind_boolean(stmt, 1, true));
  CHECK_OK(fluxdb_bind_int8(stmt, 2, -8));
  CHECK_OK(fluxdb_bind_int16(stmt, 3, -16));
  CHECK_OK(fluxdb_bind_int32(stmt, 4, -32));
  CHECK_OK(fluxdb_bind_int64(stmt, 5, -64));
  fluxdb_hugeint h = {0, 1}; /* 2^64 */
  CHECK_OK(fluxdb_bind_hugeint(stmt, 6, h));
  CHECK_OK(fluxdb_bind_float(stmt, 7, 1.5f));
  CHECK_OK(fluxdb_bind_double(stmt, 8, 2.25));
  fluxdb_decimal dec = {10, 2, {1250, 0}};
  CHECK_OK(fluxdb_bind_decimal(stmt, 9, dec));
  fluxdb_decimal bad_dec = {40, 2, {1, 0}};
  CHECK_ERR(fluxdb_bind_decimal(stmt, 10, bad_dec));
  CHECK_CONTAINS(fluxdb_prepare_error(stmt), "DECIMAL");
  fluxdb_decimal big = {38, 4, {12345, 0}};
  CHECK_OK(fluxdb_bind_decimal(stmt, 10, big));
  CHECK_OK(fluxdb_bind_varchar(stmt, 11, "bound text"));
  CHECK_OK(fluxdb_bind_blob(stmt, 12, "\x00\x01", 2));
  fluxdb_date_struct ds = {2000, 1, 2};
  CHECK_OK(fluxdb_bind_date(stmt, 13, fluxdb_to_date(ds)));
  fluxdb_time t = {3600LL * 1000000};
  CHECK_OK(fluxdb_bind_time(stmt, 14, t));
  fluxdb_timestamp ts = {86400LL * 1000000 + 1};
  CHECK_OK(fluxdb_bind_timestamp(stmt, 15, ts));
  fluxdb_interval iv = {1, 2, 3};
  CHECK_OK(fluxdb_bind_interval(stmt, 16, iv));
  CHECK_OK(fluxdb_bind_varchar_length(stmt, 17, "12.3456", 4)); /* "12.3" */
  CHECK_OK(fluxdb_bind_null(stmt, 18));
  /* Wrong indexes. */
  CHECK_ERR(fluxdb_bind_int64(stmt, 0, 1));
  CHECK_CONTAINS(fluxdb_prepare_error(stmt), "parameter");
  CHECK_ERR(fluxdb_bind_int64(stmt, 19, 1));
  CHECK_CONTAINS(fluxdb_prepare_error(stmt), "19");
  CHECK_OK(fluxdb_execute_prepared(stmt, &r));
  CHECK(fluxdb_rows_changed(&r) == 1);
  fluxdb_destroy_result(&r);
  CHECK_OK(fluxdb_execute_prepared(stmt, NULL)); /* again, same values */

  /* A value of a type that does not fit: an error at execution, like a literal. */
  CHECK_OK(fluxdb_bind_varchar(stmt, 4, "not a number"));
  CHECK_ERR(fluxdb_execute_prepared(stmt, &r));
  CHECK_CONTAINS(fluxdb_result_error(&r), "Conversion Error");
  fluxdb_destroy_result(&r);
  CHECK_OK(fluxdb_bind_varchar(stmt, 4, "77")); /* text that converts is fine */
  CHECK_OK(fluxdb_execute_prepared(stmt, NULL));
  /* Missing parameters. */
  CHECK_OK(fluxdb_clear_bindings(stmt));
  CHECK_ERR(fluxdb_execute_prepared(stmt, &r));
  CHECK_CONTAINS(fluxdb_result_error(&r), "parameters");
  fluxdb_destroy_result(&r);
  fluxdb_destroy_prepare(&stmt);

  CHECK_OK(fluxdb_query(con,
                        "SELECT i32, h, dec, big, s, bl, dt, tm, ts, iv, d4, d9 FROM types "
                        "ORDER BY i32",
                        &r));
  CHECK(fluxdb_row_count(&r) == 3);
  CHECK(fluxdb_value_int32(&r, 0, 0) == -32);
  CHECK(fluxdb_value_int32(&r, 0, 2) == 77);
  CHECK_VARCHAR(&r, 1, 0, "18446744073709551616");
  CHECK_VARCHAR(&r, 2, 0, "12.50");
  CHECK_VARCHAR(&r, 3, 0, "1.2345");
  CHECK_VARCHAR(&r, 4, 0, "bound text");
  fluxdb_blob blob = fluxdb_value_blob(&r, 5, 0);
  CHECK(blob.size == 2 && ((unsigned char*)blob.data)[1] == 1);
  fluxdb_free(blob.data);
  CHECK_VARCHAR(&r, 6, 0, "2000-01-02");
  CHECK_VARCHAR(&r, 7, 0, "01:00:00");
  CHECK_VARCHAR(&r, 8, 0, "1970-01-02 00:00:00.000001");
  CHECK(fluxdb_value_interval(&r, 9, 0).micros == 3);
  CHECK_VARCHAR(&r, 10, 0, "12.3");
  CHECK(fluxdb_value_is_null(&r, 11, 0));
  fluxdb_destroy_result(&r);

  /* Parameters in a query; NULL binds; $n. */
  CHECK_OK(fluxdb_prepare(con, "SELECT $1::INTEGER + $2::INTEGER AS s, $3::VARCHAR IS NULL AS n",
                          &stmt));
  CHECK(fluxdb_nparams(stmt) == 3);
  CHECK_OK(fluxdb_bind_int64(stmt, 1, 40));
  CHECK_OK(fluxdb_bind_int32(stmt, 2, 2));
  CHECK_OK(fluxdb_bind_varchar(stmt, 3, NULL));
  CHECK_OK(fluxdb_execute_prepared(stmt, &r));
  CHECK(fluxdb_value_int64(&r, 0, 0) == 42);
  CHECK(fluxdb_value_boolean(&r, 1, 0) == true);
  fluxdb_destroy_result(&r);

  /* A prepared statement outlives fluxdb_disconnect and fluxdb_close. */
  fluxdb_disconnect(&con);
  fluxdb_close(&db);
  CHECK_OK(fluxdb_bind_int64(stmt, 2, 3));
  CHECK_OK(fluxdb_execute_prepared(stmt, &r));
  CHECK(fluxdb_value_int64(&r, 0, 0) == 43);
  fluxdb_destroy_result(&r);
  fluxdb_destroy_prepare(&stmt);

  /* NULL statement handles. */
  CHECK(fluxdb_prepare_error(NULL) == NULL);
  CHECK(fluxdb_nparams(NULL) == 0);
  CHECK_ERR(fluxdb_bind_boolean(NULL, 1, true));
  CHECK_ERR(fluxdb_bind_varchar(NULL, 1, "x"));
  CHECK_ERR(fluxdb_bind_null(NULL, 1));
  CHECK_ERR(fluxdb_clear_bindings(NULL));
  CHECK_ERR(fluxdb_execute_prepared(NULL, &r));
  CHECK(fluxdb_result_error(&r) != NULL);
  fluxdb_destroy_result(&r);
  CHECK_ERR(fluxdb_execute_prepared(NULL, NULL));
}

static void test_appender(void) {
  fluxdb_database db;
  fluxdb_connection con;
  fluxdb_result r;
  fluxdb_appender app = NULL;
  CHECK_OK(fluxdb_open(NULL, &db));
  CHECK_OK(fluxdb_connect(db, &con));
  run(con, kTypesTable);

  CHECK_ERR(fluxdb_appender_create(NULL, NULL, "types", &app));
  CHECK(app == NULL);
  CHECK_ERR(fluxdb_appender_create(con, NULL, "types", NULL));
  CHECK_ERR(fluxdb_appender_create(con, NULL, NULL, &app));
  CHECK(fluxdb_appender_error(app) != NULL);
  CHECK_ERR(fluxdb_append_int64(app, 1)); /* a failed appender refuses values */
  CHECK_ERR(fluxdb_appender_destroy(&app));
  CHECK(app == NULL);
  CHECK_ERR(fluxdb_appender_create(con, NULL, "no_such_table", &app));
  CHECK_CONTAINS(fluxdb_appender_error(app), "Catalog Error");
  CHECK_CONTAINS(fluxdb_appender_error(app), "no_such_table");
  CHECK(fluxdb_appender_column_count(app) == 0);
  fluxdb_appender_destroy(&app);
  CHECK_ERR(fluxdb_appender_create(con, "no_such_schema", "types", &app));
  fluxdb_appender_destroy(&app);

  CHECK_OK(fluxdb_appender_create(con, "main", "types", &app));
  CHECK(fluxdb_appender_error(app) == NULL);
  CHECK(fluxdb_appender_column_count(app) == 18);
  CHECK(fluxdb_appender_column_type(app, 0) == FLUXDB_TYPE_BOOLEAN);
  CHECK(fluxdb_appender_column_type(app, 8) == FLUXDB_TYPE_DECIMAL);
  CHECK(fluxdb_appender_column_type(app, 18) == FLUXDB_TYPE_INVALID);
  /* One row of every type. */
  CHECK_OK(fluxdb_append_boolean(app, true));
  CHECK_OK(fluxdb_append_int8(app, -8));
  CHECK_OK(fluxdb_append_int16(app, -16));
  CHECK_OK(fluxdb_append_int32(app, -32));
  CHECK_OK(fluxdb_append_int64(app, -64));
  fluxdb_hugeint h = {5, 1};
  CHECK_OK(fluxdb_append_hugeint(app, h));
  CHECK_OK(fluxdb_append_float(app, 1.5f));
  CHECK_OK(fluxdb_append_double(app, 2.25));
  CHECK_OK(fluxdb_append_double(app, 12.5)); /* into DECIMAL(10,2) */
  CHECK_OK(fluxdb_append_varchar(app, "-1.5"));
  CHECK_OK(fluxdb_append_varchar(app, "appended"));
  CHECK_OK(fluxdb_append_blob(app, "\x00\x02", 2));
  fluxdb_date_struct ds = {2021, 3, 4};
  CHECK_OK(fluxdb_append_date(app, fluxdb_to_date(ds)));
  fluxdb_time t = {1000000};
  CHECK_OK(fluxdb_append_time(app, t));
  fluxdb_timestamp ts = {0};
  CHECK_OK(fluxdb_append_timestamp(app, ts));
  fluxdb_interval iv = {0, 7, 0};
  CHECK_OK(fluxdb_append_interval(app, iv));
  CHECK_OK(fluxdb_append_int64(app, 5));                     /* into DECIMAL(4,1) */
  CHECK_OK(fluxdb_append_varchar_length(app, "1.25xyz", 4)); /* "1.25" */
  CHECK_OK(fluxdb_appender_end_row(app));
  /* A row of NULLs (NULL pointers append NULL). */
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_varchar(app, NULL));
  CHECK_OK(fluxdb_append_blob(app, NULL, 0));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_varchar_length(app, NULL, 0));
  CHECK_OK(fluxdb_append_null(app));
  /* Too many values. */
  CHECK_ERR(fluxdb_append_int32(app, 1));
  CHECK_CONTAINS(fluxdb_appender_error(app), "too many values");
  CHECK_OK(fluxdb_appender_end_row(app));
  /* Nothing is visible before a flush. */
  CHECK(scalar_int(con, "SELECT count(*) FROM types") == 0);
  CHECK_OK(fluxdb_appender_flush(app));
  CHECK(scalar_int(con, "SELECT count(*) FROM types") == 2);

  /* Wrong types name the column; the appender stays at the column. */
  CHECK_OK(fluxdb_append_boolean(app, false));
  CHECK_OK(fluxdb_append_int8(app, 1));
  CHECK_ERR(fluxdb_append_varchar(app, "not a number"));
  CHECK_CONTAINS(fluxdb_appender_error(app), "i16");
  CHECK_CONTAINS(fluxdb_appender_error(app), "Conversion Error");
  CHECK_ERR(fluxdb_append_int64(app, 100000)); /* out of SMALLINT's range */
  CHECK_CONTAINS(fluxdb_appender_error(app), "i16");
  CHECK_OK(fluxdb_append_int16(app, 2));
  /* A row ended too early is an error naming the first missing column, and is dropped. */
  CHECK_ERR(fluxdb_appender_end_row(app));
  CHECK_CONTAINS(fluxdb_appender_error(app), "i32");
  CHECK_OK(fluxdb_appender_flush(app));
  CHECK(scalar_int(con, "SELECT count(*) FROM types") == 2);
  CHECK_OK(fluxdb_appender_close(app));
  CHECK_ERR(fluxdb_append_int64(app, 1));
  CHECK_CONTAINS(fluxdb_appender_error(app), "closed");
  CHECK_ERR(fluxdb_appender_end_row(app));
  CHECK_OK(fluxdb_appender_close(app)); /* twice */
  CHECK_OK(fluxdb_appender_destroy(&app));
  CHECK(app == NULL);
  CHECK_ERR(fluxdb_appender_destroy(&app));
  CHECK_ERR(fluxdb_appender_destroy(NULL));

  CHECK_OK(fluxdb_query(con, "SELECT * FROM types", &r));
  CHECK(fluxdb_row_count(&r) == 2);
  CHECK(fluxdb_value_boolean(&r, 0, 0) == true);
  CHECK(fluxdb_value_int64(&r, 4, 0) == -64);
  CHECK_VARCHAR(&r, 5, 0, "18446744073709551621");
  CHECK_VARCHAR(&r, 8, 0, "12.50");
  CHECK_VARCHAR(&r, 9, 0, "-1.5000");
  CHECK_VARCHAR(&r, 10, 0, "appended");
  CHECK_VARCHAR(&r, 12, 0, "2021-03-04");
  CHECK_VARCHAR(&r, 13, 0, "00:00:01");
  CHECK_VARCHAR(&r, 14, 0, "1970-01-01 00:00:00");
  CHECK(fluxdb_value_interval(&r, 15, 0).days == 7);
  CHECK_VARCHAR(&r, 16, 0, "5.0");
  CHECK_VARCHAR(&r, 17, 0, "1.250");
  for (uint64_t c = 0; c < 18; c++) CHECK(fluxdb_value_is_null(&r, c, 1));
  fluxdb_destroy_result(&r);

  /* NOT NULL: the flush fails and writes nothing of its rows. */
  run(con, "CREATE TABLE nn(a INTEGER NOT NULL, b VARCHAR)");
  CHECK_OK(fluxdb_appender_create(con, NULL, "nn", &app));
  CHECK_OK(fluxdb_append_int32(app, 1));
  CHECK_OK(fluxdb_append_varchar(app, "x"));
  CHECK_OK(fluxdb_appender_end_row(app));
  CHECK_OK(fluxdb_append_null(app));
  CHECK_OK(fluxdb_append_varchar(app, "y"));
  CHECK_OK(fluxdb_appender_end_row(app));
  CHECK_ERR(fluxdb_appender_flush(app));
  CHECK_CONTAINS(fluxdb_appender_error(app), "NOT NULL");
  CHECK_CONTAINS(fluxdb_appender_error(app), "nn.a");
  CHECK(scalar_int(con, "SELECT count(*) FROM nn") == 0);
  CHECK_OK(fluxdb_append_int32(app, 2));
  CHECK_OK(fluxdb_append_varchar(app, "z"));
  CHECK_OK(fluxdb_appender_end_row(app));
  CHECK_OK(fluxdb_appender_destroy(&app)); /* flushes */
  CHECK(scalar_int(con, "SELECT sum(a) FROM nn") == 2);

  /* CHECK constraints are evaluated. */
  run(con, "CREATE TABLE checked(a INTEGER CHECK (a > 0), s VARCHAR)");
  CHECK_OK(fluxdb_appender_create(con, NULL, "checked", &app));
  CHECK_OK(fluxdb_append_int32(app, 5));
  CHECK_OK(fluxdb_append_varchar(app, "it's quoted"));
  CHECK_OK(fluxdb_appender_end_row(app));
  CHECK_OK(fluxdb_appender_flush(app));
  CHECK(scalar_int(con, "SELECT count(*) FROM checked WHERE s = 'it''s quoted'") == 1);
  CHECK_OK(fluxdb_append_int32(app, -5));
  CHECK_OK(fluxdb_append_varchar(app, "bad"));
  CHECK_OK(fluxdb_appender_end_row(app));
  CHECK_ERR(fluxdb_appender_destroy(&app));
  CHECK(scalar_int(con, "SELECT count(*) FROM checked") == 1);

  /* PRIMARY KEY constraints too. */
  run(con, "CREATE TABLE keyed(k INTEGER PRIMARY KEY, v VARCHAR)");
  CHECK_OK(fluxdb_appender_create(con, NULL, "keyed", &app));
  for (int i = 0; i < 3; i++) {
    CHECK_OK(fluxdb_append_int32(app, i));
    CHECK_OK(fluxdb_append_varchar(app, "v"));
    CHECK_OK(fluxdb_appender_end_row(app));
  }
  CHECK_OK(fluxdb_appender_flush(app));
  CHECK_OK(fluxdb_append_int32(app, 1));
  CHECK_OK(fluxdb_append_varchar(app, "duplicate"));
  CHECK_OK(fluxdb_appender_end_row(app));
  CHECK_ERR(fluxdb_appender_flush(app));
  CHECK_CONTAINS(fluxdb_appender_error(app), "Constraint Error");
  CHECK_OK(fluxdb_appender_destroy(&app));
  CHECK(scalar_int(con, "SELECT count(*) FROM keyed") == 3);

  /* A flush that fails part-way inside a transaction takes back all of its rows (its first
   * 1000 were already inserted), and the transaction goes on. */
  run(con, "BEGIN TRANSACTION");
  run(con, "INSERT INTO keyed VALUES (10, 'before')");
  CHECK_OK(fluxdb_appender_create(con, NULL, "keyed", &app));
  for (int i = 0; i < 1500; i++) {
    CHECK_OK(fluxdb_append_int32(app, i == 1200 ? 2 : 100 + i));
    CHECK_OK(fluxdb_append_varchar(app, "batch"));
    CHECK_OK(fluxdb_appender_end_row(app));
  }
  CHECK_ERR(fluxdb_appender_flush(app));
  CHECK_CONTAINS(fluxdb_appender_error(app), "Duplicate key");
  CHECK_OK(fluxdb_appender_destroy(&app));
  CHECK(scalar_int(con, "SELECT count(*) FROM keyed WHERE v = 'batch'") == 0);
  run(con, "INSERT INTO keyed VALUES (11, 'after')");
  run(con, "COMMIT");
  CHECK(scalar_int(con, "SELECT count(*) FROM keyed") == 5);

  /* Inside the connection's transaction: rolled back with it. */
  run(con, "CREATE TABLE tx(a BIGINT)");
  run(con, "BEGIN TRANSACTION");
  CHECK_OK(fluxdb_appender_create(con, NULL, "tx", &app));
  CHECK_OK(fluxdb_append_int64(app, 1));
  CHECK_OK(fluxdb_appender_end_row(app));
  CHECK_OK(fluxdb_appender_flush(app));
  CHECK(scalar_int(con, "SELECT count(*) FROM tx") == 1);
  run(con, "ROLLBACK");
  CHECK(scalar_int(con, "SELECT count(*) FROM tx") == 0);

  /* Many rows: chunks of 2048 and automatic flushes. */
  for (int64_t i = 0; i < 300000; i++) {
    if (fluxdb_append_int64(app, i) != FLUXDB_OK || fluxdb_appender_end_row(app) != FLUXDB_OK) {
      CHECK(0);
      break;
    }
  }
  CHECK(scalar_int(con, "SELECT count(*) FROM tx") >= 245760); /* two automatic flushes */
  CHECK_OK(fluxdb_appender_destroy(&app));
  CHECK(scalar_int(con, "SELECT count(*) FROM tx") == 300000);
  CHECK(scalar_int(con, "SELECT sum(a) FROM tx") == 299999LL * 300000 / 2);

  /* An appender outlives its connection and database handles. */
  CHECK_OK(fluxdb_appender_create(con, NULL, "tx", &app));
  fluxdb_connection con2;
  CHECK_OK(fluxdb_connect(db, &con2));
  fluxdb_disconnect(&con);
  fluxdb_close(&db);
  CHECK_OK(fluxdb_append_int64(app, -1));
  CHECK_OK(fluxdb_appender_end_row(app));
  CHECK_OK(fluxdb_appender_destroy(&app));
  CHECK(scalar_int(con2, "SELECT min(a) FROM tx") == -1);
  fluxdb_disconnect(&con2);

  /* NULL appender handles. */
  CHECK(fluxdb_appender_error(NULL) == NULL);
  CHECK(fluxdb_appender_column_count(NULL) == 0);
  CHECK(fluxdb_appender_column_type(NULL, 0) == FLUXDB_TYPE_INVALID);
  CHECK_ERR(fluxdb_append_boolean(NULL, true));
  CHECK_ERR(fluxdb_append_int8(NULL, 1));
  CHECK_ERR(fluxdb_append_int16(NULL, 1));
  CHECK_ERR(fluxdb_append_int32(NULL, 1));
  CHECK_ERR(fluxdb_append_int64(NULL, 1));
  CHECK_ERR(fluxdb_append_hugeint(NULL, h));
  CHECK_ERR(fluxdb_append_float(NULL, 1));
  CHECK_ERR(fluxdb_append_double(NULL, 1));
  CHECK_ERR(fluxdb_append_date(NULL, fluxdb_to_date(ds)));
  CHECK_ERR(fluxdb_append_time(NULL, t));
  CHECK_ERR(fluxdb_append_timestamp(NULL, ts));
  CHECK_ERR(fluxdb_append_interval(NULL, iv));
  CHECK_ERR(fluxdb_append_varchar(NULL, "x"));
  CHECK_ERR(fluxdb_append_varchar_length(NULL, "x", 1));
  CHECK_ERR(fluxdb_append_blob(NULL, "x", 1));
  CHECK_ERR(fluxdb_append_null(NULL));
  CHECK_ERR(fluxdb_appender_end_row(NULL));
  CHECK_ERR(fluxdb_appender_flush(NULL));
  CHECK_ERR(fluxdb_appender_close(NULL));
}

/* Connections on different threads. */
struct worker {
  fluxdb_database db;
  int id;
  int ok;
};

static void* worker_main(void* arg) {
  struct worker* w = (struct worker*)arg;
  fluxdb_connection con;
  w->ok = 0;
  if (fluxdb_connect(w->db, &con) != FLUXDB_OK) return NULL;
  int good = 1;
  for (int i = 0; i < 20 && good; i++) {
    fluxdb_result r;
    char sql[128];
    snprintf(sql, sizeof(sql), "SELECT sum(range) + %d FROM range(10000)", w->id);
    if (fluxdb_query(con, sql, &r) != FLUXDB_OK ||
        fluxdb_value_int64(&r, 0, 0) != 49995000 + w->id) {
      good = 0;
    }
    fluxdb_destroy_result(&r);
  }
  fluxdb_appender app;
  if (fluxdb_appender_create(con, NULL, "threads", &app) == FLUXDB_OK) {
    for (int i = 0; i < 1000; i++) {
      fluxdb_append_int32(app, w->id);
      fluxdb_append_int32(app, i);
      fluxdb_appender_end_row(app);
    }
    if (fluxdb_appender_destroy(&app) != FLUXDB_OK) good = 0;
  } else {
    good = 0;
    fluxdb_appender_destroy(&app);
  }
  fluxdb_disconnect(&con);
  w->ok = good;
  return NULL;
}

static void test_threads(void) {
  fluxdb_database db;
  fluxdb_connection con;
  CHECK_OK(fluxdb_open(NULL, &db));
  CHECK_OK(fluxdb_connect(db, &con));
  run(con, "CREATE TABLE threads(worker INTEGER, i INTEGER)");
  enum { kWorkers = 4 };
  pthread_t threads[kWorkers];
  struct worker workers[kWorkers];
  for (int i = 0; i < kWorkers; i++) {
    workers[i].db = db;
    workers[i].id = i;
    pthread_create(&threads[i], NULL, worker_main, &workers[i]);
  }
  for (int i = 0; i < kWorkers; i++) {
    pthread_join(threads[i], NULL);
    CHECK(workers[i].ok);
  }
  CHECK(scalar_int(con, "SELECT count(*) FROM threads") == kWorkers * 1000);
  CHECK(scalar_int(con, "SELECT count(DISTINCT worker) FROM threads") == kWorkers);
  fluxdb_disconnect(&con);
  fluxdb_close(&db);
}

/* A file database round trip through the C API (COPY included). */
static void test_file_database(void) {
  char path[512], csv[512], sql[1200];
  snprintf(path, sizeof(path), "%s/file.db", temp_dir);
  snprintf(csv, sizeof(csv), "%s/data.csv", temp_dir);
  fluxdb_database db;
  fluxdb_connection con;
  fluxdb_result r;
  CHECK_OK(fluxdb_open(path, &db));
  CHECK_OK(fluxdb_connect(db, &con));
  run(con, "CREATE TABLE t AS SELECT range AS i, 'v' || range AS s FROM range(1000)");
  snprintf(sql, sizeof(sql), "COPY t TO '%s' (HEADER)", csv);
  CHECK_OK(fluxdb_query(con, sql, &r));
  CHECK(fluxdb_rows_changed(&r) == 1000);
  fluxdb_destroy_result(&r);
  run(con, "CREATE TABLE u(i BIGINT, s VARCHAR)");
  snprintf(sql, sizeof(sql), "COPY u FROM '%s' (HEADER)", csv);
  CHECK_OK(fluxdb_query(con, sql, &r));
  CHECK(fluxdb_rows_changed(&r) == 1000);
  fluxdb_destroy_result(&r);
  fluxdb_disconnect(&con);
  fluxdb_close(&db);

  CHECK_OK(fluxdb_open(path, &db));
  CHECK_OK(fluxdb_connect(db, &con));
  CHECK(scalar_int(con, "SELECT count(*) FROM u JOIN t USING (i, s)") == 1000);
  fluxdb_disconnect(&con);
  fluxdb_close(&db);
}

int main(void) {
  make_temp_dir();
  test_library();
  test_open_close();
  test_config();
  test_connect();
  test_query();
  test_types();
  test_chunks();
  test_prepared();
  test_appender();
  test_threads();
  test_file_database();
  remove_temp_dir();
  printf("c_api_test: %d checks, %d failures\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
