// libFuzzer target: OpenChunk, Decode and Filter over arbitrary bytes must never crash or read
// out of bounds; malformed chunks must be reported as errors.
//
// Input: byte 0 picks the column type, bytes 1-2 the row count (little endian), byte 3 the
// filter op; the rest is the encoded chunk (starting with its encoding id byte).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "common/value.h"
#include "common/vector.h"
#include "storage/compression/codec.h"

namespace {

using namespace fluxdb;

const LogicalType kTypes[] = {
    LogicalType::Boolean(),      LogicalType::TinyInt(),     LogicalType::SmallInt(),
    LogicalType::Integer(),      LogicalType::BigInt(),      LogicalType::HugeInt(),
    LogicalType::Float(),        LogicalType::Double(),      LogicalType::Varchar(),
    LogicalType::IntervalType(), LogicalType::Date(),        LogicalType::Timestamp(),
    LogicalType::Decimal(18, 3), LogicalType::Decimal(30, 2)};

Value FilterConstant(const LogicalType& type, const uint8_t* data, size_t size) {
  uint64_t bits = 0;
  std::memcpy(&bits, data, size < 8 ? size : 8);
  return DispatchPhysical(type.physical(), [&]<typename T>() -> Value {
    if constexpr (std::is_same_v<T, StringRef>) {
      return Value::Varchar(std::string(reinterpret_cast<const char*>(data), size < 3 ? size : 3));
    } else if constexpr (std::is_same_v<T, Interval>) {
      return Value::IntervalValue(Interval{static_cast<int32_t>(bits), 0, 0});
    } else if constexpr (std::is_same_v<T, bool>) {
      return Value::Boolean(bits & 1);
    } else {
      T value{};
      std::memcpy(&value, &bits, sizeof(T) < 8 ? sizeof(T) : 8);
      return Value::FromPhysical<T>(type, value);
    }
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  const LogicalType& type = kTypes[data[0] % (sizeof(kTypes) / sizeof(kTypes[0]))];
  idx_t count = data[1] | (static_cast<idx_t>(data[2]) << 8);
  auto op = static_cast<ColumnFilterOp>(data[3] % 9);
  data += 4;
  size -= 4;
  // A private copy, so that reads past the end are caught by ASan.
  auto chunk = std::make_unique<uint8_t[]>(size);
  if (size > 0) std::memcpy(chunk.get(), data, size);
  auto decoder = compression::OpenChunk(type, chunk.get(), size, count);
  if (!decoder.ok()) return 0;
  Vector out(type);
  SelectionVector sel(kVectorSize);
  ColumnFilter filter{0, op, FilterConstant(type, chunk.get(), size), {}};
  filter.values = {filter.constant, Value(type)};
  for (idx_t offset = 0; offset < count; offset += kVectorSize) {
    idx_t n = count - offset < kVectorSize ? count - offset : kVectorSize;
    out.ResetToFlat();
    (*decoder)->Decode(offset, n, out);
    out.Flatten(n);
    if (type.physical() == PhysicalType::kString) {
      volatile size_t total = 0;
      for (idx_t i = 0; i < n; i++) {
        std::string_view s = out.data<StringRef>()[i].view();
        if (!s.empty()) total = total + static_cast<unsigned char>(s[s.size() - 1]);
      }
    }
    (*decoder)->Filter(offset, n, filter, sel);
  }
  // Random access backwards, for decoders with a cursor.
  if (count > 1) {
    out.ResetToFlat();
    (*decoder)->Decode(count / 2, count - count / 2 < kVectorSize ? count - count / 2 : 1, out);
    out.ResetToFlat();
    (*decoder)->Decode(0, 1, out);
  }
  return 0;
}
