#include "common/types.h"

#include <deque>
#include <mutex>

#include "absl/strings/str_format.h"

namespace fluxdb {

namespace {

// Interned children of nested types. Entries are never removed (there are few distinct nested
// types in a process), so references into the deque stay valid.
struct NestedInfo {
  LogicalType child;
  StructFields fields;
};

std::mutex& NestedMutex() {
  static std::mutex mu;
  return mu;
}
std::deque<NestedInfo>& NestedInfos() {
  static std::deque<NestedInfo> infos;
  return infos;
}

uint32_t Intern(const LogicalType& child, const StructFields& fields) {
  std::lock_guard<std::mutex> lock(NestedMutex());
  auto& infos = NestedInfos();
  for (size_t i = 0; i < infos.size(); i++) {
    if (infos[i].child == child && infos[i].fields == fields) return static_cast<uint32_t>(i + 1);
  }
  infos.push_back(NestedInfo{child, fields});
  return static_cast<uint32_t>(infos.size());
}

const NestedInfo& Info(uint32_t info) {
  static const NestedInfo kNone;
  if (info == 0) return kNone;
  std::lock_guard<std::mutex> lock(NestedMutex());
  return NestedInfos()[info - 1];
}

}  // namespace

LogicalType LogicalType::List(const LogicalType& child) {
  LogicalType t(TypeId::kList);
  t.info_ = Intern(child, {});
  return t;
}

LogicalType LogicalType::Struct(const StructFields& fields) {
  LogicalType t(TypeId::kStruct);
  t.info_ = Intern(LogicalType(), fields);
  return t;
}

const LogicalType& LogicalType::child() const { return Info(info_).child; }
const StructFields& LogicalType::fields() const { return Info(info_).fields; }

PhysicalType LogicalType::physical() const {
  switch (id_) {
    case TypeId::kBoolean:
      return PhysicalType::kBool;
    case TypeId::kNull:
    case TypeId::kTinyInt:
      return PhysicalType::kInt8;
    case TypeId::kSmallInt:
    case TypeId::kUTinyInt:
      return PhysicalType::kInt16;
    case TypeId::kInteger:
    case TypeId::kUSmallInt:
    case TypeId::kDate:
      return PhysicalType::kInt32;
    case TypeId::kBigInt:
    case TypeId::kUInteger:
    case TypeId::kTime:
    case TypeId::kTimestamp:
      return PhysicalType::kInt64;
    case TypeId::kHugeInt:
    case TypeId::kUBigInt:
    case TypeId::kUHugeInt:
    case TypeId::kUuid:
      return PhysicalType::kInt128;
    case TypeId::kFloat:
      return PhysicalType::kFloat;
    case TypeId::kDouble:
      return PhysicalType::kDouble;
    case TypeId::kDecimal:
      if (width_ <= kDecimalWidthInt16) return PhysicalType::kInt16;
      if (width_ <= kDecimalWidthInt32) return PhysicalType::kInt32;
      if (width_ <= kDecimalWidthInt64) return PhysicalType::kInt64;
      return PhysicalType::kInt128;
    case TypeId::kVarchar:
    case TypeId::kBlob:
    case TypeId::kList:
    case TypeId::kStruct:
      return PhysicalType::kString;
    case TypeId::kInterval:
      return PhysicalType::kInterval;
    case TypeId::kInvalid:
      break;
  }
  return PhysicalType::kInvalid;
}

idx_t PhysicalTypeSize(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8:
      return 1;
    case PhysicalType::kInt16:
      return 2;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kInt128:
    case PhysicalType::kString:
    case PhysicalType::kInterval:
      return 16;
    case PhysicalType::kInvalid:
      break;
  }
  return 0;
}

const char* PhysicalTypeName(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBool:
      return "BOOL";
    case PhysicalType::kInt8:
      return "INT8";
    case PhysicalType::kInt16:
      return "INT16";
    case PhysicalType::kInt32:
      return "INT32";
    case PhysicalType::kInt64:
      return "INT64";
    case PhysicalType::kInt128:
      return "INT128";
    case PhysicalType::kFloat:
      return "FLOAT";
    case PhysicalType::kDouble:
      return "DOUBLE";
    case PhysicalType::kString:
      return "STRING";
    case PhysicalType::kInterval:
      return "INTERVAL";
    case PhysicalType::kInvalid:
      break;
  }
  return "INVALID";
}

idx_t LogicalType::physical_size() const { return PhysicalTypeSize(physical()); }

std::string LogicalType::ToString() const {
  switch (id_) {
    case TypeId::kInvalid:
      return "INVALID";
    case TypeId::kNull:
      return "\"NULL\"";
    case TypeId::kBoolean:
      return "BOOLEAN";
    case TypeId::kTinyInt:
      return "TINYINT";
    case TypeId::kSmallInt:
      return "SMALLINT";
    case TypeId::kInteger:
      return "INTEGER";
    case TypeId::kBigInt:
      return "BIGINT";
    case TypeId::kHugeInt:
      return "HUGEINT";
    case TypeId::kFloat:
      return "FLOAT";
    case TypeId::kDouble:
      return "DOUBLE";
    case TypeId::kDecimal:
      return absl::StrFormat("DECIMAL(%d,%d)", width_, scale_);
    case TypeId::kVarchar:
      return "VARCHAR";
    case TypeId::kBlob:
      return "BLOB";
    case TypeId::kDate:
      return "DATE";
    case TypeId::kTime:
      return "TIME";
    case TypeId::kTimestamp:
      return "TIMESTAMP";
    case TypeId::kInterval:
      return "INTERVAL";
    case TypeId::kUTinyInt:
      return "UTINYINT";
    case TypeId::kUSmallInt:
      return "USMALLINT";
    case TypeId::kUInteger:
      return "UINTEGER";
    case TypeId::kUBigInt:
      return "UBIGINT";
    case TypeId::kUHugeInt:
      return "UHUGEINT";
    case TypeId::kUuid:
      return "UUID";
    case TypeId::kList:
      return child().ToString() + "[]";
    case TypeId::kStruct: {
      std::string out = "STRUCT(";
      const StructFields& f = fields();
      for (size_t i = 0; i < f.size(); i++) {
        if (i > 0) out += ", ";
        out += f[i].first + " " + f[i].second.ToString();
      }
      return out + ")";
    }
  }
  return "INVALID";
}

bool LogicalType::IsIntegral() const {
  switch (id_) {
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
    case TypeId::kHugeInt:
    case TypeId::kUTinyInt:
    case TypeId::kUSmallInt:
    case TypeId::kUInteger:
    case TypeId::kUBigInt:
      return true;
    default:
      return false;
  }
}

bool LogicalType::IsUnsigned() const {
  return id_ == TypeId::kUTinyInt || id_ == TypeId::kUSmallInt || id_ == TypeId::kUInteger ||
         id_ == TypeId::kUBigInt || id_ == TypeId::kUHugeInt;
}

bool LogicalType::IsNumeric() const {
  return IsIntegral() || id_ == TypeId::kUHugeInt || id_ == TypeId::kDecimal ||
         id_ == TypeId::kFloat || id_ == TypeId::kDouble;
}

uint64_t UnsignedMax(TypeId id) {
  switch (id) {
    case TypeId::kUTinyInt:
      return UINT8_MAX;
    case TypeId::kUSmallInt:
      return UINT16_MAX;
    case TypeId::kUInteger:
      return UINT32_MAX;
    default:
      return UINT64_MAX;
  }
}

bool LogicalType::IsTemporal() const {
  return id_ == TypeId::kDate || id_ == TypeId::kTime || id_ == TypeId::kTimestamp ||
         id_ == TypeId::kInterval;
}

}  // namespace fluxdb
