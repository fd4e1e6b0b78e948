/* bulk_load: loads rows with FluxDB's appender, then checks them with a query.
 *
 *   bulk_load [ROWS [DATABASE]]
 *
 * Appends ROWS (default 1,000,000) rows of (id BIGINT, price DECIMAL(12,2), name VARCHAR, day
 * DATE) and prints the count and sums computed by SQL, plus the load rate. */
#define _POSIX_C_SOURCE 200809L
#include <fluxdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs SQL; on failure prints the error and returns 0. */
static int run(fluxdb_connection con, const char* sql, fluxdb_result* result) {
  if (fluxdb_query(con, sql, result) == FLUXDB_OK) return 1;
  fprintf(stderr, "query failed: %s\n", fluxdb_result_error(result));
  fluxdb_destroy_result(result);
  return 0;
}

int main(int argc, char** argv) {
  long long rows = argc > 1 ? atoll(argv[1]) : 1000000;
  const char* path = argc > 2 ? argv[2] : ":memory:";
  fluxdb_database db;
  fluxdb_connection con;
  fluxdb_appender appender;
  fluxdb_result result;
  if (fluxdb_open(path, &db) == FLUXDB_ERROR) {
    fprintf(stderr, "cannot open %s: %s\n", path, fluxdb_open_error());
    return 1;
  }
  if (fluxdb_connect(db, &con) == FLUXDB_ERROR) return 1;
  if (!run(con,
           "CREATE OR REPLACE TABLE sales(id BIGINT, price DECIMAL(12,2), name VARCHAR, day DATE)",
           &result)) {
    return 1;
  }
  fluxdb_destroy_result(&result);

  double start = now_seconds();
  if (fluxdb_appender_create(con, NULL, "sales", &appender) == FLUXDB_ERROR) {
    fprintf(stderr, "appender failed: %s\n", fluxdb_appender_error(appender));
    return 1;
  }
  char name[32];
  fluxdb_date_struct first_day = {2024, 1, 1};
  int32_t day0 = fluxdb_to_date(first_day).days;
  for (long long i = 0; i < rows; i++) {
    snprintf(name, sizeof(name), "customer %lld", i % 1000);
    fluxdb_date day = {day0 + (int32_t)(i % 366)};
    if (fluxdb_append_int64(appender, i) == FLUXDB_ERROR ||
        fluxdb_append_double(appender, (double)(i % 10000) / 100.0) == FLUXDB_ERROR ||
        fluxdb_append_varchar(appender, name) == FLUXDB_ERROR ||
        fluxdb_append_date(appender, day) == FLUXDB_ERROR ||
        fluxdb_appender_end_row(appender) == FLUXDB_ERROR) {
      fprintf(stderr, "append failed: %s\n", fluxdb_appender_error(appender));
      return 1;
    }
  }
  if (fluxdb_appender_flush(appender) == FLUXDB_ERROR) {
    fprintf(stderr, "flush failed: %s\n", fluxdb_appender_error(appender));
    return 1;
  }
  fluxdb_appender_destroy(&appender);
  double seconds = now_seconds() - start;

  if (!run(con, "SELECT count(*), sum(id), sum(price), count(DISTINCT name), max(day) FROM sales",
           &result)) {
    return 1;
  }
  char* price_sum = fluxdb_value_varchar(&result, 2, 0);
  char* last_day = fluxdb_value_varchar(&result, 4, 0);
  printf("rows=%lld sum_id=%lld sum_price=%s names=%lld last_day=%s\n",
         (long long)fluxdb_value_int64(&result, 0, 0), (long long)fluxdb_value_int64(&result, 1, 0),
         price_sum != NULL ? price_sum : "NULL", (long long)fluxdb_value_int64(&result, 3, 0),
         last_day != NULL ? last_day : "NULL");
  fluxdb_free(price_sum);
  fluxdb_free(last_day);
  fluxdb_destroy_result(&result);
  fprintf(stderr, "appended %lld rows in %.3f s (%.0f rows/s)\n", rows, seconds,
          seconds > 0 ? (double)rows / seconds : 0.0);
  fluxdb_disconnect(&con);
  fluxdb_close(&db);
  return 0;
}
