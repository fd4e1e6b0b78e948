// A type as written in SQL (INTEGER, varchar(10), DECIMAL(15,2), int4 ...), before resolution.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/types.h"

namespace fluxdb::ast {

struct TypeName {
  std::string name;                // lower-cased, without "pg_catalog."
  std::vector<int64_t> modifiers;  // (15,2) -> {15, 2}
  int32_t array_bounds = 0;        // INTEGER[] -> 1: LIST(INTEGER)
  int32_t location = -1;

  std::string ToString() const;
};

/// Maps a TypeName to a LogicalType: the PostgreSQL and DuckDB names and aliases (int, int4,
/// integer, signed; bigint, int8, long; float8, double, double precision; real, float4; float(p);
/// numeric/decimal with DuckDB's default DECIMAL(18,3); varchar(n)/text/string/char(n)/bpchar;
/// bool/boolean/logical; date; time; timestamp/datetime; interval; blob/bytea; hugeint/int128;
/// tinyint/int1; smallint/int2/short). Unknown names give
/// "Catalog Error: Type with name x does not exist!"; bad DECIMAL modifiers a Binder Error with
/// DuckDB's wording ("DECIMAL type width must be between 1 and 38"); t[] is LIST(t). A bare FLOAT is DuckDB's 4-byte FLOAT (the transformer keeps the name "float" for it).
StatusOr<LogicalType> ResolveTypeName(const TypeName& type_name);

}  // namespace fluxdb::ast
