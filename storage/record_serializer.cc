#include "storage/record_serializer.h"

#include <cstring>

namespace fluxdb {

namespace {

constexpr uint8_t kCatalogRecordVersion = 1;
constexpr uint8_t kDeletesNone = 0;
constexpr uint8_t kDeletesList = 1;
constexpr uint8_t kDeletesBitmap = 2;
// Sanity bound for element counts read from a record: nothing in a record has more entries
// than it has bytes.
bool PlausibleCount(BinaryReader& r, uint64_t count, uint64_t min_bytes_each) {
  if (count * min_bytes_each > r.remaining()) {
    r.Fail();
    return false;
  }
  return true;
}

template <typename T>
void WriteU32List(BinaryWriter& w, const std::vector<T>& v) {
  w.WriteU32(static_cast<uint32_t>(v.size()));
  for (const T& x : v) w.WriteU32(x);
}

bool ReadU32List(BinaryReader& r, std::vector<uint32_t>* v) {
  uint32_t n = r.ReadU32();
  if (!PlausibleCount(r, n, 4)) return false;
  v->resize(n);
  for (uint32_t i = 0; i < n; i++) (*v)[i] = r.ReadU32();
  return r.ok();
}

void WriteStringList(BinaryWriter& w, const std::vector<std::string>& v) {
  w.WriteU32(static_cast<uint32_t>(v.size()));
  for (const auto& s : v) w.WriteString(s);
}

bool ReadStringList(BinaryReader& r, std::vector<std::string>* v) {
  uint32_t n = r.ReadU32();
  if (!PlausibleCount(r, n, 4)) return false;
  v->resize(n);
  for (uint32_t i = 0; i < n; i++) (*v)[i] = r.ReadString();
  return r.ok();
}

}  // namespace

void WriteLogicalType(BinaryWriter& w, const LogicalType& type) {
  w.WriteU8(static_cast<uint8_t>(type.id()));
  w.WriteU8(type.width());
  w.WriteU8(type.scale());
  // Nested types follow with their children: a LIST its element type, a STRUCT its field
  // count and each field's name and type.
  if (type.id() == TypeId::kList) {
    WriteLogicalType(w, type.child());
  } else if (type.id() == TypeId::kStruct) {
    w.WriteU32(static_cast<uint32_t>(type.fields().size()));
    for (const auto& [name, field_type] : type.fields()) {
      w.WriteString(name);
      WriteLogicalType(w, field_type);
    }
  }
}

LogicalType ReadLogicalType(BinaryReader& r) {
  uint8_t id = r.ReadU8();
  uint8_t width = r.ReadU8();
  uint8_t scale = r.ReadU8();
  if (!r.ok()) return LogicalType();
  if (id > static_cast<uint8_t>(kLastTypeId)) {
    r.Fail();
    return LogicalType();
  }
  auto type_id = static_cast<TypeId>(id);
  if (type_id == TypeId::kDecimal) {
    if (width < 1 || width > kDecimalMaxWidth || scale > width) {
      r.Fail();
      return LogicalType();
    }
    return LogicalType::Decimal(width, scale);
  }
  if (type_id == TypeId::kList) {
    LogicalType child = ReadLogicalType(r);
    if (!r.ok()) return LogicalType();
    return LogicalType::List(child);
  }
  if (type_id == TypeId::kStruct) {
    uint32_t n = r.ReadU32();
    if (!PlausibleCount(r, n, 7)) return LogicalType();
    StructFields fields;
    for (uint32_t i = 0; i < n && r.ok(); i++) {
      std::string name = r.ReadString();
      LogicalType field_type = ReadLogicalType(r);
      fields.emplace_back(std::move(name), field_type);
    }
    if (!r.ok()) return LogicalType();
    return LogicalType::Struct(fields);
  }
  return LogicalType(type_id);
}

void WriteValue(BinaryWriter& w, const Value& value) {
  WriteLogicalType(w, value.type());
  w.WriteU8(value.is_null() ? 1 : 0);
  if (value.is_null()) return;
  switch (value.type().physical()) {
    case PhysicalType::kBool:
      w.WriteU8(value.GetBool() ? 1 : 0);
      break;
    case PhysicalType::kInt8:
      w.Write<int8_t>(static_cast<int8_t>(value.GetInt64()));
      break;
    case PhysicalType::kInt16:
      w.Write<int16_t>(static_cast<int16_t>(value.GetInt64()));
      break;
    case PhysicalType::kInt32:
      w.Write<int32_t>(static_cast<int32_t>(value.GetInt64()));
      break;
    case PhysicalType::kInt64:
      w.Write<int64_t>(value.GetInt64());
      break;
    case PhysicalType::kInt128: {
      auto v = static_cast<uint128_t>(value.GetInt128());
      w.WriteU64(static_cast<uint64_t>(v));
      w.WriteU64(static_cast<uint64_t>(v >> 64));
      break;
    }
    case PhysicalType::kFloat:
      w.Write<float>(static_cast<float>(value.GetDouble()));
      break;
    case PhysicalType::kDouble:
      w.Write<double>(value.GetDouble());
      break;
    case PhysicalType::kString:
      w.WriteString(value.GetString());
      break;
    case PhysicalType::kInterval: {
      Interval i = value.GetInterval();
      w.Write<int32_t>(i.months);
      w.Write<int32_t>(i.days);
      w.Write<int64_t>(i.micros);
      break;
    }
    case PhysicalType::kInvalid:
      break;
  }
}

Value ReadValue(BinaryReader& r) {
  LogicalType type = ReadLogicalType(r);
  uint8_t is_null = r.ReadU8();
  if (!r.ok() || is_null > 1 || type.id() == TypeId::kInvalid) {
    r.Fail();
    return Value();
  }
  if (is_null) return type.id() == TypeId::kNull ? Value() : Value(type);
  if (type.id() == TypeId::kNull) {
    r.Fail();
    return Value();
  }
  switch (type.physical()) {
    case PhysicalType::kBool: {
      uint8_t b = r.ReadU8();
      if (b > 1) r.Fail();
      return Value::FromPhysical<bool>(type, b != 0);
    }
    case PhysicalType::kInt8:
      return Value::FromPhysical<int8_t>(type, r.Read<int8_t>());
    case PhysicalType::kInt16:
      return Value::FromPhysical<int16_t>(type, r.Read<int16_t>());
    case PhysicalType::kInt32:
      return Value::FromPhysical<int32_t>(type, r.Read<int32_t>());
    case PhysicalType::kInt64:
      return Value::FromPhysical<int64_t>(type, r.Read<int64_t>());
    case PhysicalType::kInt128: {
      uint64_t lo = r.ReadU64();
      uint64_t hi = r.ReadU64();
      auto v = static_cast<int128_t>((static_cast<uint128_t>(hi) << 64) | lo);
      return Value::FromPhysical<int128_t>(type, v);
    }
    case PhysicalType::kFloat:
      return Value::FromPhysical<float>(type, r.Read<float>());
    case PhysicalType::kDouble:
      return Value::FromPhysical<double>(type, r.Read<double>());
    case PhysicalType::kString: {
      std::string s = r.ReadString();
      return type.id() == TypeId::kBlob ? Value::Blob(s) : Value::Varchar(s);
    }
    case PhysicalType::kInterval: {
      Interval i;
      i.months = r.Read<int32_t>();
      i.days = r.Read<int32_t>();
      i.micros = r.Read<int64_t>();
      return Value::IntervalValue(i);
    }
    case PhysicalType::kInvalid:
      break;
  }
  r.Fail();
  return Value();
}

void WriteCatalogRecord(BinaryWriter& w, const CatalogRecord& rec) {
  w.WriteU8(kCatalogRecordVersion);
  w.WriteU8(static_cast<uint8_t>(rec.kind));
  w.WriteU32(rec.object_id);
  w.WriteString(rec.schema_name);
  w.WriteString(rec.name);
  w.WriteU32(static_cast<uint32_t>(rec.columns.size()));
  for (const auto& c : rec.columns) {
    w.WriteString(c.name);
    WriteLogicalType(w, c.type);
    w.WriteU8(c.not_null ? 1 : 0);
    w.WriteString(c.default_sql);
  }
  WriteU32List(w, rec.primary_key);
  w.WriteU32(static_cast<uint32_t>(rec.unique_keys.size()));
  for (const auto& key : rec.unique_keys) WriteU32List(w, key);
  WriteStringList(w, rec.check_sql);
  w.WriteString(rec.sql);
  WriteStringList(w, rec.column_aliases);
  w.WriteString(rec.table_name);
  if (rec.kind == CatalogRecordKind::kSequence) {
    const SequenceRecord& q = rec.sequence;
    w.Write<int64_t>(q.start);
    w.Write<int64_t>(q.increment);
    w.Write<int64_t>(q.min_value);
    w.Write<int64_t>(q.max_value);
    w.WriteU8(q.cycle ? 1 : 0);
    w.Write<int64_t>(q.counter);
    w.WriteU64(q.usage_count);
    w.Write<int64_t>(q.last_value);
  }
}

bool ReadCatalogRecord(BinaryReader& r, CatalogRecord* rec) {
  if (r.ReadU8() != kCatalogRecordVersion) return false;
  uint8_t kind = r.ReadU8();
  if (kind < 1 || kind > 5) return false;
  rec->kind = static_cast<CatalogRecordKind>(kind);
  rec->object_id = r.ReadU32();
  rec->schema_name = r.ReadString();
  rec->name = r.ReadString();
  uint32_t ncols = r.ReadU32();
  if (!PlausibleCount(r, ncols, 12)) return false;
  rec->columns.resize(ncols);
  for (auto& c : rec->columns) {
    c.name = r.ReadString();
    c.type = ReadLogicalType(r);
    uint8_t not_null = r.ReadU8();
    if (not_null > 1) return false;
    c.not_null = not_null != 0;
    c.default_sql = r.ReadString();
  }
  if (!ReadU32List(r, &rec->primary_key)) return false;
  uint32_t nkeys = r.ReadU32();
  if (!PlausibleCount(r, nkeys, 4)) return false;
  rec->unique_keys.resize(nkeys);
  for (auto& key : rec->unique_keys) {
    if (!ReadU32List(r, &key)) return false;
  }
  if (!ReadStringList(r, &rec->check_sql)) return false;
  rec->sql = r.ReadString();
  if (!ReadStringList(r, &rec->column_aliases)) return false;
  rec->table_name = r.ReadString();
  if (rec->kind == CatalogRecordKind::kSequence) {
    SequenceRecord& q = rec->sequence;
    q.start = r.Read<int64_t>();
    q.increment = r.Read<int64_t>();
    q.min_value = r.Read<int64_t>();
    q.max_value = r.Read<int64_t>();
    uint8_t cycle = r.ReadU8();
    if (cycle > 1) return false;
    q.cycle = cycle != 0;
    q.counter = r.Read<int64_t>();
    q.usage_count = r.ReadU64();
    q.last_value = r.Read<int64_t>();
  }
  return r.ok();
}

std::string SerializeCatalogRecord(const CatalogRecord& record) {
  std::string out;
  BinaryWriter w(&out);
  WriteCatalogRecord(w, record);
  return out;
}

StatusOr<CatalogRecord> DeserializeCatalogRecord(std::string_view bytes) {
  BinaryReader r(bytes);
  CatalogRecord rec;
  if (!ReadCatalogRecord(r, &rec) || r.remaining() != 0) {
    return CorruptionError("malformed catalog record (", bytes.size(), " bytes)");
  }
  return rec;
}

std::string SerializeChunkMetadata(const ChunkMetadata& c) {
  std::string out;
  BinaryWriter w(&out);
  w.WriteU8(static_cast<uint8_t>(MetadataRecordTag::kChunk));
  w.WriteU32(c.table_id);
  w.WriteU32(c.column_index);
  w.WriteU64(c.row_group_index);
  w.WriteU64(c.row_start);
  w.WriteU64(c.row_count);
  w.WriteU64(c.chunk_id);
  w.WriteU8(static_cast<uint8_t>(c.encoding));
  w.WriteU64(c.validity_bytes);
  w.WriteU64(c.encoded_bytes);
  w.WriteU64(c.uncompressed_bytes);
  WriteValue(w, c.min);
  WriteValue(w, c.max);
  w.WriteU64(c.null_count);
  w.WriteU64(c.distinct_estimate);
  w.WriteU32(static_cast<uint32_t>(c.pages.size()));
  for (const PageRun& run : c.pages) {
    w.WriteU64(run.first);
    w.WriteU64(run.count);
  }
  return out;
}

StatusOr<ChunkMetadata> DeserializeChunkMetadata(std::string_view bytes) {
  BinaryReader r(bytes);
  ChunkMetadata c;
  bool ok = r.ReadU8() == static_cast<uint8_t>(MetadataRecordTag::kChunk);
  c.table_id = r.ReadU32();
  c.column_index = r.ReadU32();
  c.row_group_index = r.ReadU64();
  c.row_start = r.ReadU64();
  c.row_count = r.ReadU64();
  c.chunk_id = r.ReadU64();
  uint8_t encoding = r.ReadU8();
  ok = ok && encoding < compression::kEncodingCount;
  c.encoding = static_cast<compression::Encoding>(encoding);
  c.validity_bytes = r.ReadU64();
  c.encoded_bytes = r.ReadU64();
  c.uncompressed_bytes = r.ReadU64();
  c.min = ReadValue(r);
  c.max = ReadValue(r);
  c.null_count = r.ReadU64();
  c.distinct_estimate = r.ReadU64();
  uint32_t runs = r.ReadU32();
  if (PlausibleCount(r, runs, 16)) {
    c.pages.resize(runs);
    for (PageRun& run : c.pages) {
      run.first = r.ReadU64();
      run.count = r.ReadU64();
    }
  }
  if (!ok || !r.ok() || r.remaining() != 0) {
    return CorruptionError("malformed column chunk metadata record (", bytes.size(), " bytes)");
  }
  return c;
}

std::string SerializeRowGroupMetadata(const RowGroupMetadata& g) {
  std::string out;
  BinaryWriter w(&out);
  w.WriteU8(static_cast<uint8_t>(MetadataRecordTag::kRowGroup));
  w.WriteU32(g.table_id);
  w.WriteU64(g.row_group_index);
  w.WriteU64(g.row_count);
  w.WriteU8(g.closed ? 1 : 0);
  uint64_t list_bytes = 4 * g.deleted_rows.size();
  uint64_t words = (g.row_count + 63) / 64;
  if (g.deleted_rows.empty()) {
    w.WriteU8(kDeletesNone);
  } else if (list_bytes <= words * 8) {
    w.WriteU8(kDeletesList);
    WriteU32List(w, g.deleted_rows);
  } else {
    w.WriteU8(kDeletesBitmap);
    std::vector<uint64_t> bits(words, 0);
    for (uint32_t row : g.deleted_rows) bits[row / 64] |= 1ULL << (row % 64);
    w.WriteU32(static_cast<uint32_t>(words));
    for (uint64_t word : bits) w.WriteU64(word);
  }
  return out;
}

StatusOr<RowGroupMetadata> DeserializeRowGroupMetadata(std::string_view bytes) {
  BinaryReader r(bytes);
  RowGroupMetadata g;
  bool ok = r.ReadU8() == static_cast<uint8_t>(MetadataRecordTag::kRowGroup);
  g.table_id = r.ReadU32();
  g.row_group_index = r.ReadU64();
  g.row_count = r.ReadU64();
  uint8_t flags = r.ReadU8();
  ok = ok && flags <= 1;
  g.closed = flags == 1;
  uint8_t format = r.ReadU8();
  if (format == kDeletesList) {
    ok = ok && ReadU32List(r, &g.deleted_rows);
    for (size_t i = 0; ok && i < g.deleted_rows.size(); i++) {
      ok = g.deleted_rows[i] < g.row_count && (i == 0 || g.deleted_rows[i - 1] < g.deleted_rows[i]);
    }
  } else if (format == kDeletesBitmap) {
    uint32_t words = r.ReadU32();
    ok = ok && words == (g.row_count + 63) / 64 && PlausibleCount(r, words, 8);
    for (uint32_t i = 0; ok && i < words; i++) {
      uint64_t word = r.ReadU64();
      while (word != 0) {
        uint32_t row = i * 64 + __builtin_ctzll(word);
        word &= word - 1;
        if (row >= g.row_count) ok = false;
        g.deleted_rows.push_back(row);
      }
    }
  } else if (format != kDeletesNone) {
    ok = false;
  }
  if (!ok || !r.ok() || r.remaining() != 0) {
    return CorruptionError("malformed row group metadata record (", bytes.size(), " bytes)");
  }
  return g;
}

StatusOr<MetadataRecordTag> PeekMetadataTag(std::string_view bytes) {
  if (bytes.empty() || (bytes[0] != 1 && bytes[0] != 2)) {
    return CorruptionError("chunk-metadata heap record with unknown tag");
  }
  return static_cast<MetadataRecordTag>(bytes[0]);
}

}  // namespace fluxdb
