/*
 * fluxdb.h - the C API of FluxDB, an embeddable columnar analytical SQL engine.
 *
 * The API follows DuckDB's C API (duckdb.h): opaque handles, a caller-declared result struct,
 * every fallible call returning fluxdb_state, 1-based parameter indexes, 0-based column and row
 * indexes. A program written against duckdb.h's core functions ports by renaming.
 *
 *   fluxdb_database db;  fluxdb_connection con;  fluxdb_result res;
 *   if (fluxdb_open(NULL, &db) == FLUXDB_ERROR) ...                    // in-memory
 *   fluxdb_connect(db, &con);
 *   if (fluxdb_query(con, "SELECT 42 AS x", &res) == FLUXDB_ERROR)
 *     fprintf(stderr, "%s\n", fluxdb_result_error(&res));
 *   printf("%lld\n", (long long)fluxdb_value_int64(&res, 0, 0));
 *   fluxdb_destroy_result(&res);  fluxdb_disconnect(&con);  fluxdb_close(&db);
 *
 * Rules that hold for every function:
 *  - No C++ exception ever leaves a function. Running out of memory is reported as FLUXDB_ERROR
 *    with an "Out of Memory Error: ..." message where an error can be reported, else as the
 *    function's defined failure value.
 *  - NULL handles, handles already destroyed through their pointer (fluxdb_close(&db) sets
 *    db = NULL), out-of-range column / row / chunk / parameter indexes are misuse that returns
 *    FLUXDB_ERROR or the function's defined failure value (0, NULL, false, an all-zero struct),
 *    never a crash. Destroy functions accept a pointer to a NULL handle and do nothing.
 *  - Strings returned as `const char *` belong to the object they came from and live until it is
 *    destroyed. Strings and blobs returned as `char *` / `void *` are the caller's: free them
 *    with fluxdb_free.
 *
 * Lifetimes: a database stays open while connections use it: fluxdb_close releases the
 * handle and the database closes (checkpointing a file database) when its last connection is
 * gone. Likewise a connection lives on until the prepared statements and appenders made from it
 * are destroyed. A fluxdb_result owns all its data and outlives its connection and database.
 *
 * Thread safety: a database handle may be shared by any number of threads (fluxdb_connect and
 * fluxdb_close are thread-safe). Use one connection per thread for parallel work; calls on one
 * connection (and on its prepared statements and appenders) are serialized by a lock, so sharing
 * one is safe but not concurrent. fluxdb_interrupt may be called from any thread. A result, a
 * prepared statement's bindings and an appender's current row must not be used from two threads
 * at the same time.
 */
#ifndef FLUXDB_H
#define FLUXDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define FLUXDB_API
#else
#define FLUXDB_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* Enums and plain value types                                                                 */
/* ------------------------------------------------------------------------------------------ */

typedef enum fluxdb_state { FLUXDB_OK = 0, FLUXDB_ERROR = 1 } fluxdb_state;

/* Column types. The numbers are DuckDB's (duckdb_type) for the types both engines have. */
typedef enum fluxdb_type {
  FLUXDB_TYPE_INVALID = 0,
  FLUXDB_TYPE_BOOLEAN = 1,    /* bool (one byte, 0 or 1) */
  FLUXDB_TYPE_TINYINT = 2,    /* int8_t */
  FLUXDB_TYPE_SMALLINT = 3,   /* int16_t */
  FLUXDB_TYPE_INTEGER = 4,    /* int32_t */
  FLUXDB_TYPE_BIGINT = 5,     /* int64_t */
  FLUXDB_TYPE_FLOAT = 10,     /* float */
  FLUXDB_TYPE_DOUBLE = 11,    /* double */
  FLUXDB_TYPE_TIMESTAMP = 12, /* fluxdb_timestamp: int64_t microseconds since 1970-01-01 */
  FLUXDB_TYPE_DATE = 13,      /* fluxdb_date: int32_t days since 1970-01-01 */
  FLUXDB_TYPE_TIME = 14,      /* fluxdb_time: int64_t microseconds since midnight */
  FLUXDB_TYPE_INTERVAL = 15,  /* fluxdb_interval */
  FLUXDB_TYPE_HUGEINT = 16,   /* fluxdb_hugeint (int128) */
  FLUXDB_TYPE_VARCHAR = 17,   /* fluxdb_string_t in vectors, char * from fluxdb_value_varchar */
  FLUXDB_TYPE_BLOB = 18,      /* fluxdb_string_t in vectors, fluxdb_blob from fluxdb_value_blob */
  /* Scaled integer: int16_t (width <= 4), int32_t (<= 9), int64_t (<= 18), else fluxdb_hugeint.
   * fluxdb_column_decimal_width / _scale give width and scale. */
  FLUXDB_TYPE_DECIMAL = 19,
  FLUXDB_TYPE_SQLNULL = 36 /* the type of an untyped NULL (SELECT NULL) */
} fluxdb_type;

/* DATE: days since 1970-01-01 (proleptic Gregorian calendar). */
typedef struct {
  int32_t days;
} fluxdb_date;
typedef struct {
  int32_t year;
  int8_t month; /* 1..12 */
  int8_t day;   /* 1..31 */
} fluxdb_date_struct;

/* TIME: microseconds since 00:00:00. */
typedef struct {
  int64_t micros;
} fluxdb_time;
typedef struct {
  int8_t hour;
  int8_t min;
  int8_t sec;
  int32_t micros;
} fluxdb_time_struct;

/* TIMESTAMP (without time zone): microseconds since 1970-01-01 00:00:00. */
typedef struct {
  int64_t micros;
} fluxdb_timestamp;
typedef struct {
  fluxdb_date_struct date;
  fluxdb_time_struct time;
} fluxdb_timestamp_struct;

/* INTERVAL: months, days and microseconds are kept apart, as in PostgreSQL and DuckDB. */
typedef struct {
  int32_t months;
  int32_t days;
  int64_t micros;
} fluxdb_interval;

/* HUGEINT: a 128-bit signed integer, upper * 2^64 + lower (the memory layout of __int128 on
 * little-endian machines, so vector data of HUGEINT columns is an array of these). */
typedef struct {
  uint64_t lower;
  int64_t upper;
} fluxdb_hugeint;

/* DECIMAL(width, scale): the value is `value / 10^scale`. */
typedef struct {
  uint8_t width;
  uint8_t scale;
  fluxdb_hugeint value;
} fluxdb_decimal;

/* Bytes returned to the caller; free `data` with fluxdb_free. */
typedef struct {
  void* data;
  uint64_t size;
} fluxdb_blob;

/* The 16-byte slot of a VARCHAR or BLOB value in vector data (fluxdb_vector_get_data). Strings
 * of up to 12 bytes are stored inline; longer ones keep their first 4 bytes inline and point at
 * the bytes, which belong to the result. Not NUL-terminated: use fluxdb_string_data and
 * fluxdb_string_length. */
typedef struct {
  union {
    struct {
      uint32_t length;
      char prefix[4];
      const char* ptr;
    } pointer;
    struct {
      uint32_t length;
      char inlined[12];
    } inlined;
  } value;
} fluxdb_string_t;

/* ------------------------------------------------------------------------------------------ */
/* Handles                                                                                     */
/* ------------------------------------------------------------------------------------------ */

typedef struct _fluxdb_database {
  void* internal_ptr;
} * fluxdb_database;
typedef struct _fluxdb_connection {
  void* internal_ptr;
} * fluxdb_connection;
typedef struct _fluxdb_config {
  void* internal_ptr;
} * fluxdb_config;
typedef struct _fluxdb_prepared_statement {
  void* internal_ptr;
} * fluxdb_prepared_statement;
typedef struct _fluxdb_appender {
  void* internal_ptr;
} * fluxdb_appender;
/* A chunk of a result (up to 2048 rows); owned by the result. */
typedef struct _fluxdb_data_chunk {
  void* internal_ptr;
} * fluxdb_data_chunk;
/* One column of a data chunk; owned by the chunk. */
typedef struct _fluxdb_vector {
  void* internal_ptr;
} * fluxdb_vector;

/* The result of a query. Declare one, pass its address to fluxdb_query / fluxdb_execute_prepared
 * and always release it with fluxdb_destroy_result, also after an error. The fields are private:
 * use the functions below. */
typedef struct {
  uint64_t internal_column_count;
  uint64_t internal_row_count;
  const char* internal_error;
  void* internal_data;
} fluxdb_result;

/* ------------------------------------------------------------------------------------------ */
/* Library, memory                                                                             */
/* ------------------------------------------------------------------------------------------ */

/* "0.1.0". */
FLUXDB_API const char* fluxdb_library_version(void);
/* Frees a string or blob returned by this API (malloc'd memory). NULL is fine. */
FLUXDB_API void fluxdb_free(void* ptr);
FLUXDB_API void* fluxdb_malloc(size_t size);

/* ------------------------------------------------------------------------------------------ */
/* Opening and connecting                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* Opens (creating if missing) the database file `path`; NULL, "" or ":memory:" opens a new
 * in-memory database. On failure *out is set to NULL and fluxdb_open_error() tells why. */
FLUXDB_API fluxdb_state fluxdb_open(const char* path, fluxdb_database* out);
/* Like fluxdb_open, with options from `config` (NULL = defaults). */
FLUXDB_API fluxdb_state fluxdb_open_ext(const char* path, fluxdb_database* out,
                                        fluxdb_config config);
/* The message of the last failed fluxdb_open / fluxdb_open_ext on the calling thread ("" when
 * none); valid until that thread's next open. */
FLUXDB_API const char* fluxdb_open_error(void);
/* Releases the handle and sets *db to NULL. The database itself closes when no connection uses
 * it any more. */
FLUXDB_API void fluxdb_close(fluxdb_database* db);

/* Options for fluxdb_open_ext, set by name like DuckDB's duckdb_config:
 *   "access_mode"   "automatic" / "read_write" (default) or "read_only" (a file database opened
 *                   read-only refuses every write; an in-memory database cannot be read-only)
 *   "threads"       worker threads for one query, "1".."1024"; default: the number of cores
 *   "memory_limit"  (alias "max_memory") e.g. "4GB", "512MB", "1000000" bytes; default 80% of RAM
 * Names are case-insensitive; an unknown name or a bad value is FLUXDB_ERROR. */
FLUXDB_API fluxdb_state fluxdb_create_config(fluxdb_config* out);
FLUXDB_API fluxdb_state fluxdb_set_config(fluxdb_config config, const char* name,
                                          const char* value);
FLUXDB_API void fluxdb_destroy_config(fluxdb_config* config);

FLUXDB_API fluxdb_state fluxdb_connect(fluxdb_database db, fluxdb_connection* out);
/* Releases the handle and sets *con to NULL; the connection closes (rolling back an open
 * transaction) once its prepared statements and appenders are destroyed too. */
FLUXDB_API void fluxdb_disconnect(fluxdb_connection* con);
/* Asks the query running on `con` (from another thread) to stop; it fails with an INTERRUPT
 * error, and so do the statements of the same fluxdb_query text not started yet (a request
 * that arrives while the text is parsed or between two statements is not lost). With nothing
 * running it does nothing. Inside a transaction only the interrupted statement is undone. */
FLUXDB_API void fluxdb_interrupt(fluxdb_connection con);

/* ------------------------------------------------------------------------------------------ */
/* Queries and results                                                                         */
/* ------------------------------------------------------------------------------------------ */

/* Runs every statement of `sql` in order; `out` (may be NULL) receives the last one's result or
 * the error. */
FLUXDB_API fluxdb_state fluxdb_query(fluxdb_connection con, const char* sql, fluxdb_result* out);
/* Frees everything the result holds and zeroes it; calling it again is harmless. */
FLUXDB_API void fluxdb_destroy_result(fluxdb_result* result);
/* The error message, or NULL when the statement succeeded. */
FLUXDB_API const char* fluxdb_result_error(fluxdb_result* result);
/* The byte offset in the SQL text a parse or bind error refers to, or -1. */
FLUXDB_API int64_t fluxdb_result_error_offset(fluxdb_result* result);

FLUXDB_API uint64_t fluxdb_column_count(fluxdb_result* result);
FLUXDB_API uint64_t fluxdb_row_count(fluxdb_result* result);
/* Rows inserted, updated, deleted or copied by the statement (0 for other statements). */
FLUXDB_API uint64_t fluxdb_rows_changed(fluxdb_result* result);
/* NULL when `col` is out of range. */
FLUXDB_API const char* fluxdb_column_name(fluxdb_result* result, uint64_t col);
/* FLUXDB_TYPE_INVALID when `col` is out of range. */
FLUXDB_API fluxdb_type fluxdb_column_type(fluxdb_result* result, uint64_t col);
/* Width and scale of a DECIMAL column (0 for other columns). */
FLUXDB_API uint8_t fluxdb_column_decimal_width(fluxdb_result* result, uint64_t col);
FLUXDB_API uint8_t fluxdb_column_decimal_scale(fluxdb_result* result, uint64_t col);

/* Value access by column and row (0-based). Each function converts the value to the requested
 * type as CAST would (TRY_CAST semantics); NULL values, values that do not convert and
 * out-of-range indexes give 0 / false / an all-zero struct / NULL (fluxdb_value_is_null answers
 * true for a cell that does not exist, as DuckDB's). */
FLUXDB_API bool fluxdb_value_is_null(fluxdb_result* result, uint64_t col, uint64_t row);
FLUXDB_API bool fluxdb_value_boolean(fluxdb_result* result, uint64_t col, uint64_t row);
FLUXDB_API int8_t fluxdb_value_int8(fluxdb_result* result, uint64_t col, uint64_t row);
FLUXDB_API int16_t fluxdb_value_int16(fluxdb_result* result, uint64_t col, uint64_t row);
FLUXDB_API int32_t fluxdb_value_int32(fluxdb_result* result, uint64_t col, uint64_t row);
FLUXDB_API int64_t fluxdb_value_int64(fluxdb_result* result, uint64_t col, uint64_t row);
FLUXDB_API fluxdb_hugeint fluxdb_value_hugeint(fluxdb_result* result, uint64_t col, uint64_t row);
FLUXDB_API float fluxdb_value_float(fluxdb_result* result, uint64_t col, uint64_t row);
FLUXDB_API double fluxdb_value_double(fluxdb_result* result, uint64_t col, uint64_t row);
/* A DECIMAL column's exact scaled value; integer columns give scale 0. */
FLUXDB_API fluxdb_decimal fluxdb_value_decimal(fluxdb_result* result, uint64_t col, uint64_t row);
FLUXDB_API fluxdb_date fluxdb_value_date(fluxdb_result* result, uint64_t col, uint64_t row);
FLUXDB_API fluxdb_time fluxdb_value_time(fluxdb_result* result, uint64_t col, uint64_t row);
FLUXDB_API fluxdb_timestamp fluxdb_value_timestamp(fluxdb_result* result, uint64_t col,
                                                   uint64_t row);
FLUXDB_API fluxdb_interval fluxdb_value_interval(fluxdb_result* result, uint64_t col, uint64_t row);
/* The value as text, as CAST(x AS VARCHAR) prints it (DECIMAL keeps its scale: "12.50");
 * NUL-terminated, free with fluxdb_free. NULL for a NULL value. */
FLUXDB_API char* fluxdb_value_varchar(fluxdb_result* result, uint64_t col, uint64_t row);
/* The bytes of a BLOB or VARCHAR value; free `data` with fluxdb_free. {NULL, 0} otherwise. */
FLUXDB_API fluxdb_blob fluxdb_value_blob(fluxdb_result* result, uint64_t col, uint64_t row);

/* Conversions of the plain value types. */
FLUXDB_API fluxdb_date_struct fluxdb_from_date(fluxdb_date date);
FLUXDB_API fluxdb_date fluxdb_to_date(fluxdb_date_struct date);
FLUXDB_API fluxdb_time_struct fluxdb_from_time(fluxdb_time time);
FLUXDB_API fluxdb_time fluxdb_to_time(fluxdb_time_struct time);
FLUXDB_API fluxdb_timestamp_struct fluxdb_from_timestamp(fluxdb_timestamp ts);
FLUXDB_API fluxdb_timestamp fluxdb_to_timestamp(fluxdb_timestamp_struct ts);
FLUXDB_API double fluxdb_hugeint_to_double(fluxdb_hugeint value);
/* true (and *out set) when the value fits an int64_t. */
FLUXDB_API bool fluxdb_hugeint_to_int64(fluxdb_hugeint value, int64_t* out);
FLUXDB_API fluxdb_hugeint fluxdb_int64_to_hugeint(int64_t value);
FLUXDB_API double fluxdb_decimal_to_double(fluxdb_decimal value);

/* ------------------------------------------------------------------------------------------ */
/* Chunked, zero-copy access                                                                   */
/* ------------------------------------------------------------------------------------------ */

/* A result is a sequence of chunks of at most 2048 rows, in result order. */
FLUXDB_API uint64_t fluxdb_result_chunk_count(fluxdb_result* result);
/* The chunk (owned by the result, valid until fluxdb_destroy_result); NULL when out of range. */
FLUXDB_API fluxdb_data_chunk fluxdb_result_get_chunk(fluxdb_result* result, uint64_t chunk_index);
/* For code written against DuckDB: sets *chunk to NULL; the result keeps owning the chunk. */
FLUXDB_API void fluxdb_destroy_data_chunk(fluxdb_data_chunk* chunk);
FLUXDB_API uint64_t fluxdb_data_chunk_get_size(fluxdb_data_chunk chunk);
FLUXDB_API uint64_t fluxdb_data_chunk_get_column_count(fluxdb_data_chunk chunk);
/* Column `col` of the chunk, made flat on first access (a constant or dictionary-encoded column
 * is expanded once and the flat copy kept in the chunk). NULL when out of range. */
FLUXDB_API fluxdb_vector fluxdb_data_chunk_get_vector(fluxdb_data_chunk chunk, uint64_t col);
FLUXDB_API fluxdb_type fluxdb_vector_get_column_type(fluxdb_vector vector);
/* One value per row, of the column type's C type (see fluxdb_type); VARCHAR and BLOB are
 * fluxdb_string_t. Read-only: the data may be shared with other results. The values of NULL
 * rows are unspecified. */
FLUXDB_API void* fluxdb_vector_get_data(fluxdb_vector vector);
/* Validity bitmask: bit (row % 64) of word (row / 64) is 1 when the row is not NULL. NULL when
 * every row is valid. */
FLUXDB_API uint64_t* fluxdb_vector_get_validity(fluxdb_vector vector);
/* Reads a validity mask; a NULL mask means valid. */
FLUXDB_API bool fluxdb_validity_row_is_valid(uint64_t* validity, uint64_t row);

FLUXDB_API uint32_t fluxdb_string_length(fluxdb_string_t string);
/* The bytes of a string slot (not NUL-terminated); inline strings point into `string` itself,
 * so pass the slot in the vector, not a copy that goes away. NULL for a NULL pointer. */
FLUXDB_API const char* fluxdb_string_data(const fluxdb_string_t* string);
FLUXDB_API bool fluxdb_string_is_inlined(fluxdb_string_t string);

/* ------------------------------------------------------------------------------------------ */
/* Prepared statements                                                                         */
/* ------------------------------------------------------------------------------------------ */

/* Prepares one statement with `?` or `$n` parameters. *out is always set (also on error, so
 * fluxdb_prepare_error can tell why) unless `con` or `out` is NULL; destroy it with
 * fluxdb_destroy_prepare. */
FLUXDB_API fluxdb_state fluxdb_prepare(fluxdb_connection con, const char* sql,
                                       fluxdb_prepared_statement* out);
/* The error of the last failed prepare or bind on this statement, or NULL. */
FLUXDB_API const char* fluxdb_prepare_error(fluxdb_prepared_statement stmt);
FLUXDB_API uint64_t fluxdb_nparams(fluxdb_prepared_statement stmt);

/* Binds parameter `param` (1-based). An index outside 1..fluxdb_nparams is FLUXDB_ERROR. A value
 * whose type does not fit where the parameter is used fails at execution with the same error as
 * a literal of that type would (e.g. "Conversion Error: Could not convert string 'x' to INT32"). */
FLUXDB_API fluxdb_state fluxdb_bind_boolean(fluxdb_prepared_statement stmt, uint64_t param,
                                            bool val);
FLUXDB_API fluxdb_state fluxdb_bind_int8(fluxdb_prepared_statement stmt, uint64_t param,
                                         int8_t val);
FLUXDB_API fluxdb_state fluxdb_bind_int16(fluxdb_prepared_statement stmt, uint64_t param,
                                          int16_t val);
FLUXDB_API fluxdb_state fluxdb_bind_int32(fluxdb_prepared_statement stmt, uint64_t param,
                                          int32_t val);
FLUXDB_API fluxdb_state fluxdb_bind_int64(fluxdb_prepared_statement stmt, uint64_t param,
                                          int64_t val);
FLUXDB_API fluxdb_state fluxdb_bind_hugeint(fluxdb_prepared_statement stmt, uint64_t param,
                                            fluxdb_hugeint val);
FLUXDB_API fluxdb_state fluxdb_bind_float(fluxdb_prepared_statement stmt, uint64_t param,
                                          float val);
FLUXDB_API fluxdb_state fluxdb_bind_double(fluxdb_prepared_statement stmt, uint64_t param,
                                           double val);
/* A DECIMAL(width, scale) parameter; width 1..38, scale <= width. */
FLUXDB_API fluxdb_state fluxdb_bind_decimal(fluxdb_prepared_statement stmt, uint64_t param,
                                            fluxdb_decimal val);
FLUXDB_API fluxdb_state fluxdb_bind_date(fluxdb_prepared_statement stmt, uint64_t param,
                                         fluxdb_date val);
FLUXDB_API fluxdb_state fluxdb_bind_time(fluxdb_prepared_statement stmt, uint64_t param,
                                         fluxdb_time val);
FLUXDB_API fluxdb_state fluxdb_bind_timestamp(fluxdb_prepared_statement stmt, uint64_t param,
                                              fluxdb_timestamp val);
FLUXDB_API fluxdb_state fluxdb_bind_interval(fluxdb_prepared_statement stmt, uint64_t param,
                                             fluxdb_interval val);
/* A NUL-terminated string (NULL binds SQL NULL). */
FLUXDB_API fluxdb_state fluxdb_bind_varchar(fluxdb_prepared_statement stmt, uint64_t param,
                                            const char* val);
FLUXDB_API fluxdb_state fluxdb_bind_varchar_length(fluxdb_prepared_statement stmt, uint64_t param,
                                                   const char* val, uint64_t length);
FLUXDB_API fluxdb_state fluxdb_bind_blob(fluxdb_prepared_statement stmt, uint64_t param,
                                         const void* data, uint64_t length);
FLUXDB_API fluxdb_state fluxdb_bind_null(fluxdb_prepared_statement stmt, uint64_t param);
FLUXDB_API fluxdb_state fluxdb_clear_bindings(fluxdb_prepared_statement stmt);

/* Runs the statement with the bound values (every parameter must be bound); `out` may be NULL. */
FLUXDB_API fluxdb_state fluxdb_execute_prepared(fluxdb_prepared_statement stmt, fluxdb_result* out);
FLUXDB_API void fluxdb_destroy_prepare(fluxdb_prepared_statement* stmt);

/* ------------------------------------------------------------------------------------------ */
/* Appender: fast bulk inserts                                                                 */
/* ------------------------------------------------------------------------------------------ */

/* Appends rows to `schema`.`table` (schema NULL = "main"). Values are given column by column,
 * each row closed with fluxdb_appender_end_row. A value of another type than its column is
 * converted as CAST would; one that does not convert is FLUXDB_ERROR naming the column, and the
 * appender stays at that column (append another value or give up the row: fluxdb_appender_end_row
 * on an incomplete row fails and discards it). Rows are buffered in chunks of 2048 and written by
 * fluxdb_appender_flush (also automatically every 122,880 rows and by close/destroy), each flush
 * in one transaction (or within the connection's open transaction), checking NOT NULL, CHECK,
 * PRIMARY KEY and UNIQUE constraints (tables with the last three are flushed through INSERT, which
 * is slower): a flush that fails writes none of its rows and drops them.
 * On error *out is still set when `con` and `out` are valid; see fluxdb_appender_error. */
FLUXDB_API fluxdb_state fluxdb_appender_create(fluxdb_connection con, const char* schema,
                                               const char* table, fluxdb_appender* out);
/* The last error on this appender, or NULL. */
FLUXDB_API const char* fluxdb_appender_error(fluxdb_appender appender);
FLUXDB_API uint64_t fluxdb_appender_column_count(fluxdb_appender appender);
FLUXDB_API fluxdb_type fluxdb_appender_column_type(fluxdb_appender appender, uint64_t col);

FLUXDB_API fluxdb_state fluxdb_append_boolean(fluxdb_appender appender, bool value);
FLUXDB_API fluxdb_state fluxdb_append_int8(fluxdb_appender appender, int8_t value);
FLUXDB_API fluxdb_state fluxdb_append_int16(fluxdb_appender appender, int16_t value);
FLUXDB_API fluxdb_state fluxdb_append_int32(fluxdb_appender appender, int32_t value);
FLUXDB_API fluxdb_state fluxdb_append_int64(fluxdb_appender appender, int64_t value);
FLUXDB_API fluxdb_state fluxdb_append_hugeint(fluxdb_appender appender, fluxdb_hugeint value);
FLUXDB_API fluxdb_state fluxdb_append_float(fluxdb_appender appender, float value);
FLUXDB_API fluxdb_state fluxdb_append_double(fluxdb_appender appender, double value);
FLUXDB_API fluxdb_state fluxdb_append_date(fluxdb_appender appender, fluxdb_date value);
FLUXDB_API fluxdb_state fluxdb_append_time(fluxdb_appender appender, fluxdb_time value);
FLUXDB_API fluxdb_state fluxdb_append_timestamp(fluxdb_appender appender, fluxdb_timestamp value);
FLUXDB_API fluxdb_state fluxdb_append_interval(fluxdb_appender appender, fluxdb_interval value);
/* A NUL-terminated string (NULL appends SQL NULL). */
FLUXDB_API fluxdb_state fluxdb_append_varchar(fluxdb_appender appender, const char* value);
FLUXDB_API fluxdb_state fluxdb_append_varchar_length(fluxdb_appender appender, const char* value,
                                                     uint64_t length);
FLUXDB_API fluxdb_state fluxdb_append_blob(fluxdb_appender appender, const void* data,
                                           uint64_t length);
FLUXDB_API fluxdb_state fluxdb_append_null(fluxdb_appender appender);
FLUXDB_API fluxdb_state fluxdb_appender_end_row(fluxdb_appender appender);
/* Writes the buffered rows. */
FLUXDB_API fluxdb_state fluxdb_appender_flush(fluxdb_appender appender);
/* Flushes and closes; later appends fail. */
FLUXDB_API fluxdb_state fluxdb_appender_close(fluxdb_appender appender);
/* Flushes, closes, frees and sets *appender to NULL; returns the flush's state. */
FLUXDB_API fluxdb_state fluxdb_appender_destroy(fluxdb_appender* appender);

#ifdef __cplusplus
}
#endif

#endif /* FLUXDB_H */
