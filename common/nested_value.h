// The byte form of LIST and STRUCT values.
//
// A nested value is one string whose bytes sort (memcmp) in SQL order, so the engine's string
// kernels compare, hash, sort, group and store lists and structs unchanged:
//   LIST    each element as 0x02 + key, or 0x03 for NULL (NULL elements sort last), then 0x01
//   STRUCT  each field as 0x02 + key, or 0x03 for NULL (a fixed count, no terminator)
// where key is, per element type: integers big-endian with the sign bit flipped; FLOAT/DOUBLE
// as their IEEE bits made monotone (-0 folded into 0, one NaN above every number); strings with
// each 0x00 byte written 0x00 0xFF and ended by 0x00 0x00; INTERVAL as its normalized length
// (months of 30 days) followed by its three fields; nested values recursively. The encoding
// is invertible, so elements decode back into Values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/value.h"

namespace fluxdb {

inline constexpr char kNestedEnd = 0x01;
inline constexpr char kNestedValid = 0x02;
inline constexpr char kNestedNull = 0x03;

/// Appends the marker and key of `value` read as an element of type `type`.
void AppendNestedElement(const LogicalType& type, const Value& value, std::string* out);
/// The encoding of a list of `elements` (each of the child type).
std::string EncodeList(const LogicalType& child, const std::vector<Value>& elements);
/// The encoding of a struct of `fields` (one value per field of `type`).
std::string EncodeStruct(const LogicalType& type, const std::vector<Value>& fields);

/// The encoded elements (marker + key) of a LIST value's bytes, or the fields of a STRUCT's.
/// Malformed bytes (a truncated zone-map bound) end the split early.
std::vector<std::string_view> SplitNested(const LogicalType& type, std::string_view bytes);
/// Decodes one element slice of SplitNested.
Value DecodeNestedElement(const LogicalType& type, std::string_view element);
/// The elements of a LIST value or the fields of a STRUCT value.
std::vector<Value> DecodeNested(const LogicalType& type, std::string_view bytes);

/// DuckDB's text of a nested value: [1, 2, NULL], {'a': 42, 'b': x}.
std::string NestedToString(const LogicalType& type, std::string_view bytes);
/// A literal that parses back: [1, 'x'] / {'a': 1}.
std::string NestedToSQLString(const LogicalType& type, std::string_view bytes);

}  // namespace fluxdb
