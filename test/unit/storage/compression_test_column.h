// Generated column chunks for the codec tests, and checks of decoded vectors against them.
#pragma once

#include <cstring>
#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "common/value.h"
#include "common/vector.h"
#include "gtest/gtest.h"
#include "storage/compression/codec.h"

namespace fluxdb::compression::testing {

/// How the generated values are distributed; each shape favours a different encoding.
enum class Shape { kRandom, kSmallRange, kRuns, kFewDistinct, kConstant };
inline constexpr Shape kAllShapes[] = {Shape::kRandom, Shape::kSmallRange, Shape::kRuns,
                                       Shape::kFewDistinct, Shape::kConstant};
inline const char* ShapeName(Shape shape) {
  switch (shape) {
    case Shape::kRandom:
      return "random";
    case Shape::kSmallRange:
      return "small_range";
    case Shape::kRuns:
      return "runs";
    case Shape::kFewDistinct:
      return "few_distinct";
    case Shape::kConstant:
      return "constant";
  }
  return "?";
}

inline std::vector<LogicalType> AllTestTypes() {
  return {LogicalType::Boolean(),      LogicalType::TinyInt(),     LogicalType::SmallInt(),
          LogicalType::Integer(),      LogicalType::BigInt(),      LogicalType::HugeInt(),
          LogicalType::Float(),        LogicalType::Double(),      LogicalType::Varchar(),
          LogicalType::IntervalType(), LogicalType::Date(),        LogicalType::Timestamp(),
          LogicalType::Decimal(18, 3), LogicalType::Decimal(30, 2)};
}

/// A column chunk as the column writer hands it to the codecs. NULL slots hold garbage (for
/// strings, a StringRef with a wild pointer) so that a codec reading them is caught by ASan.
class TestColumn {
 public:
  TestColumn(LogicalType type, idx_t count)
      : type_(type),
        count_(count),
        width_(type.physical_size()),
        data_(new uint8_t[count * width_ + 16]),
        validity_(count == 0 ? 1 : count) {}

  const LogicalType& type() const { return type_; }
  idx_t count() const { return count_; }
  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  ValidityMask& validity() { return validity_; }
  const ValidityMask& validity() const { return validity_; }
  bool IsValid(idx_t row) const { return validity_.IsValid(row); }
  template <typename T>
  T* values() {
    return reinterpret_cast<T*>(data_.get());
  }
  template <typename T>
  const T* values() const {
    return reinterpret_cast<const T*>(data_.get());
  }
  /// Stores a string whose bytes this column owns.
  StringRef AddString(std::string s) {
    strings_.push_back(std::move(s));
    return StringRef(strings_.back());
  }
  ChunkValues chunk() const { return ChunkValues{type_, data_.get(), &validity_, count_}; }

 private:
  LogicalType type_;
  idx_t count_;
  idx_t width_;
  std::unique_ptr<uint8_t[]> data_;
  ValidityMask validity_;
  std::deque<std::string> strings_;
};

/// The value generated for key `k`: distinct keys give distinct values for every type (except
/// BOOLEAN, which has two).
template <typename T>
T ValueForKey(TestColumn& column, uint64_t k) {
  if constexpr (std::is_same_v<T, bool>) {
    return (k & 1) != 0;
  } else if constexpr (std::is_same_v<T, StringRef>) {
    std::string s = "v" + std::to_string(k);
    // Some long strings (heap-referenced) and some with embedded zero bytes.
    if (k % 3 == 0) s = "a-much-longer-string-value-" + s;
    if (k % 7 == 0) s.push_back('\0');
    return column.AddString(s);
  } else if constexpr (std::is_same_v<T, Interval>) {
    return Interval{static_cast<int32_t>(k % 13), static_cast<int32_t>(k / 13 % 31),
                    static_cast<int64_t>(k)};
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(static_cast<int64_t>(k)) * static_cast<T>(0.5);
  } else {
    return static_cast<T>(k);
  }
}

/// Fully random value (any bit pattern for numbers, random bytes for strings).
template <typename T>
T RandomValue(TestColumn& column, std::mt19937_64& rng) {
  if constexpr (std::is_same_v<T, bool>) {
    return (rng() & 1) != 0;
  } else if constexpr (std::is_same_v<T, StringRef>) {
    std::string s(rng() % 40, '\0');
    for (auto& c : s) c = static_cast<char>(rng());
    return column.AddString(std::move(s));
  } else if constexpr (std::is_floating_point_v<T>) {
    // Finite values only in random data; NaN is covered by dedicated tests.
    return static_cast<T>(static_cast<double>(static_cast<int64_t>(rng())) * 1e-3);
  } else {
    T value;
    uint64_t bits[2] = {rng(), rng()};
    std::memcpy(&value, bits, sizeof(T));
    return value;
  }
}

/// Fills a column of `count` rows of `type` with values of `shape`; each row is NULL with
/// probability `null_fraction`.
inline std::unique_ptr<TestColumn> MakeColumn(LogicalType type, idx_t count, Shape shape,
                                              double null_fraction, uint64_t seed) {
  auto column = std::make_unique<TestColumn>(type, count);
  std::mt19937_64 rng(seed);
  std::bernoulli_distribution is_null(null_fraction);
  DispatchPhysical(type.physical(), [&]<typename T>() {
    using S = std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>;
    S* values = column->template values<S>();
    uint64_t base = rng() % 1000000;
    std::vector<uint64_t> keys;
    for (int i = 0; i < 8; i++) keys.push_back(rng() % 100000);
    uint64_t run_key = base;
    idx_t run_left = 0;
    for (idx_t i = 0; i < count; i++) {
      if (null_fraction > 0 && is_null(rng)) {
        column->validity().SetInvalid(i);
        if constexpr (std::is_same_v<T, StringRef>) {
          // A wild pointer: reading it is a bug that ASan reports.
          uint64_t garbage[2] = {0x1000000064ULL, 0xdeadbeef000ULL};
          std::memcpy(&values[i], garbage, sizeof(StringRef));
        } else {
          uint64_t garbage[2] = {rng(), rng()};
          std::memcpy(&values[i], garbage, sizeof(S));
        }
        continue;
      }
      T value{};
      switch (shape) {
        case Shape::kRandom:
          value = RandomValue<T>(*column, rng);
          break;
        case Shape::kSmallRange:
          value = ValueForKey<T>(*column, base + rng() % 1000);
          break;
        case Shape::kRuns:
          if (run_left == 0) {
            run_key = base + rng() % 1000;
            run_left = 1 + rng() % 50;
          }
          run_left--;
          value = ValueForKey<T>(*column, run_key);
          break;
        case Shape::kFewDistinct:
          value = ValueForKey<T>(*column, keys[rng() % keys.size()]);
          break;
        case Shape::kConstant:
          value = ValueForKey<T>(*column, base);
          break;
      }
      std::memcpy(&values[i], &value, sizeof(S));
    }
  });
  return column;
}

/// Bitwise equality for numbers (so NaN payloads and -0.0 must survive), content for strings.
template <typename S>
bool SameValue(const S& a, const S& b) {
  if constexpr (std::is_same_v<S, StringRef>) {
    return a.view() == b.view();
  } else {
    return std::memcmp(&a, &b, sizeof(S)) == 0;
  }
}

/// Checks that `out` (any vector encoding) holds rows [offset, offset + count) of `column`;
/// NULL rows are not compared. Returns the number of mismatches.
inline idx_t CountMismatches(const TestColumn& column, idx_t offset, idx_t count,
                             const Vector& out) {
  UnifiedVector u;
  out.ToUnified(count, &u);
  idx_t mismatches = 0;
  DispatchPhysical(column.type().physical(), [&]<typename T>() {
    using S = std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>;
    const S* expected = column.values<S>();
    const S* actual = u.values<S>();
    for (idx_t i = 0; i < count; i++) {
      if (!column.IsValid(offset + i)) continue;
      if constexpr (std::is_same_v<T, bool>) {
        if (actual[u.index(i)] > 1) {
          mismatches++;
          continue;
        }
        if ((actual[u.index(i)] != 0) != (expected[offset + i] != 0)) mismatches++;
      } else if (!SameValue(actual[u.index(i)], expected[offset + i])) {
        if (mismatches == 0) {
          ADD_FAILURE() << "row " << offset + i << ": expected "
                        << Value::FromPhysical<T>(column.type(), expected[offset + i]).ToString()
                        << " got "
                        << Value::FromPhysical<T>(column.type(), actual[u.index(i)]).ToString();
        }
        mismatches++;
      }
    }
  });
  return mismatches;
}

/// Encodes `column` with `encoding` (which must apply), checks the size against the estimate and
/// returns the bytes including the id byte.
inline std::string EncodeColumn(const TestColumn& column, Encoding encoding) {
  std::string bytes;
  EncodeChunk(encoding, column.chunk(), &bytes);
  std::optional<idx_t> estimate = GetCodec(encoding).estimate(column.chunk());
  EXPECT_TRUE(estimate.has_value());
  if (estimate) {
    EXPECT_EQ(*estimate + 1, bytes.size()) << "estimate is not exact";
  }
  return bytes;
}

}  // namespace fluxdb::compression::testing
