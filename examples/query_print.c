/* query_print: runs SQL with FluxDB's C API and prints the result as a table.
 *
 *   query_print [DATABASE [SQL]]
 *
 * DATABASE is a file (created if missing) or ":memory:" (the default); SQL defaults to a small
 * demonstration query. Every statement of SQL runs; the last one's rows are printed. */
#include <fluxdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* kDefaultQuery =
    "SELECT range AS n, range * range AS square, 'row ' || range AS label, "
    "CASE WHEN range % 2 = 0 THEN NULL ELSE range / 2.0 END AS half FROM range(1, 6)";

/* The text of every cell, so column widths can be measured before printing. */
static char* cell_text(fluxdb_result* result, uint64_t col, uint64_t row) {
  if (fluxdb_value_is_null(result, col, row)) {
    char* null_text = fluxdb_malloc(5);
    if (null_text != NULL) memcpy(null_text, "NULL", 5);
    return null_text;
  }
  return fluxdb_value_varchar(result, col, row);
}

static int is_numeric(fluxdb_type type) {
  switch (type) {
    case FLUXDB_TYPE_TINYINT:
    case FLUXDB_TYPE_SMALLINT:
    case FLUXDB_TYPE_INTEGER:
    case FLUXDB_TYPE_BIGINT:
    case FLUXDB_TYPE_HUGEINT:
    case FLUXDB_TYPE_FLOAT:
    case FLUXDB_TYPE_DOUBLE:
    case FLUXDB_TYPE_DECIMAL:
      return 1;
    default:
      return 0;
  }
}

static void print_rule(const size_t* widths, uint64_t columns) {
  for (uint64_t c = 0; c < columns; c++) {
    putchar('+');
    for (size_t i = 0; i < widths[c] + 2; i++) putchar('-');
  }
  puts("+");
}

static void print_table(fluxdb_result* result) {
  uint64_t columns = fluxdb_column_count(result);
  uint64_t rows = fluxdb_row_count(result);
  if (columns == 0) {
    printf("OK (%llu rows changed)\n", (unsigned long long)fluxdb_rows_changed(result));
    return;
  }
  size_t* widths = calloc(columns, sizeof(size_t));
  char** cells = calloc(columns * (rows > 0 ? rows : 1), sizeof(char*));
  if (widths == NULL || cells == NULL) {
    fprintf(stderr, "out of memory\n");
    exit(1);
  }
  for (uint64_t c = 0; c < columns; c++) widths[c] = strlen(fluxdb_column_name(result, c));
  for (uint64_t r = 0; r < rows; r++) {
    for (uint64_t c = 0; c < columns; c++) {
      char* text = cell_text(result, c, r);
      cells[r * columns + c] = text;
      size_t length = text != NULL ? strlen(text) : 0;
      if (length > widths[c]) widths[c] = length;
    }
  }
  print_rule(widths, columns);
  for (uint64_t c = 0; c < columns; c++) {
    printf("| %-*s ", (int)widths[c], fluxdb_column_name(result, c));
  }
  puts("|");
  print_rule(widths, columns);
  for (uint64_t r = 0; r < rows; r++) {
    for (uint64_t c = 0; c < columns; c++) {
      const char* text = cells[r * columns + c] != NULL ? cells[r * columns + c] : "";
      if (is_numeric(fluxdb_column_type(result, c))) {
        printf("| %*s ", (int)widths[c], text);
      } else {
        printf("| %-*s ", (int)widths[c], text);
      }
      fluxdb_free(cells[r * columns + c]);
    }
    puts("|");
  }
  print_rule(widths, columns);
  printf("%llu row%s\n", (unsigned long long)rows, rows == 1 ? "" : "s");
  free(cells);
  free(widths);
}

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : ":memory:";
  const char* sql = argc > 2 ? argv[2] : kDefaultQuery;
  fluxdb_database db;
  fluxdb_connection con;
  fluxdb_result result;
  if (fluxdb_open(path, &db) == FLUXDB_ERROR) {
    fprintf(stderr, "cannot open %s: %s\n", path, fluxdb_open_error());
    return 1;
  }
  if (fluxdb_connect(db, &con) == FLUXDB_ERROR) {
    fprintf(stderr, "cannot connect\n");
    fluxdb_close(&db);
    return 1;
  }
  int status = 0;
  if (fluxdb_query(con, sql, &result) == FLUXDB_ERROR) {
    fprintf(stderr, "%s\n", fluxdb_result_error(&result));
    status = 1;
  } else {
    print_table(&result);
  }
  fluxdb_destroy_result(&result);
  fluxdb_disconnect(&con);
  fluxdb_close(&db);
  return status;
}
