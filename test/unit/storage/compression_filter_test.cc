// ChunkDecoder::Filter must select exactly the rows that decoding and then comparing selects
// (Value::Compare is the reference order), for every op, including constants outside the
// chunk's value range and NULL constants.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "gtest/gtest.h"
#include "storage/compression/codec.h"
#include "test/unit/storage/compression_test_column.h"

namespace fluxdb::compression::testing {
namespace {

constexpr Encoding kFilteringEncodings[] = {Encoding::kConstant, Encoding::kRle,
                                            Encoding::kDictionary, Encoding::kBitpack};

// Constants near and beyond the ends of every type's range.
template <typename T>
std::vector<Value> ExtremeValues(const LogicalType& type) {
  std::vector<Value> result;
  if constexpr (std::is_same_v<T, StringRef>) {
    result.push_back(Value::Varchar(""));
    result.push_back(Value::Varchar("\xff\xff\xff"));
    result.push_back(Value::Varchar("a"));
  } else if constexpr (std::is_same_v<T, Interval>) {
    result.push_back(Value::IntervalValue(Interval{-1000, 0, 0}));
    result.push_back(Value::IntervalValue(Interval{100000, 0, 0}));
  } else if constexpr (std::is_floating_point_v<T>) {
    result.push_back(Value::FromPhysical<T>(type, -std::numeric_limits<T>::infinity()));
    result.push_back(Value::FromPhysical<T>(type, std::numeric_limits<T>::infinity()));
    result.push_back(Value::FromPhysical<T>(type, std::numeric_limits<T>::quiet_NaN()));
  } else if constexpr (std::is_same_v<T, bool>) {
    result.push_back(Value::Boolean(false));
    result.push_back(Value::Boolean(true));
  } else if constexpr (std::is_same_v<T, int128_t>) {
    result.push_back(Value::FromPhysical<T>(type, -(int128_t{1} << 120)));
    result.push_back(Value::FromPhysical<T>(type, int128_t{1} << 120));
  } else {
    result.push_back(Value::FromPhysical<T>(type, std::numeric_limits<T>::min()));
    result.push_back(Value::FromPhysical<T>(type, std::numeric_limits<T>::max()));
    result.push_back(Value::FromPhysical<T>(type, T{0}));
  }
  return result;
}

bool Passes(const Value& value, const ColumnFilter& filter) {
  switch (filter.op) {
    case ColumnFilterOp::kEqual:
      return !filter.constant.is_null() && Value::Compare(value, filter.constant) == 0;
    case ColumnFilterOp::kLess:
      return !filter.constant.is_null() && Value::Compare(value, filter.constant) < 0;
    case ColumnFilterOp::kLessEqual:
      return !filter.constant.is_null() && Value::Compare(value, filter.constant) <= 0;
    case ColumnFilterOp::kGreater:
      return !filter.constant.is_null() && Value::Compare(value, filter.constant) > 0;
    case ColumnFilterOp::kGreaterEqual:
      return !filter.constant.is_null() && Value::Compare(value, filter.constant) >= 0;
    case ColumnFilterOp::kInList:
      for (const Value& item : filter.values) {
        if (!item.is_null() && Value::Compare(value, item) == 0) return true;
      }
      return false;
    case ColumnFilterOp::kPrefix:
      return !filter.constant.is_null() &&
             value.GetString().starts_with(filter.constant.GetString());
    default:
      return false;
  }
}

// The filters to try on a column: every op against values taken from the column and extremes.
std::vector<ColumnFilter> MakeFilters(const TestColumn& column, std::mt19937_64& rng) {
  std::vector<Value> constants;
  DispatchPhysical(column.type().physical(),
                   [&]<typename T>() { constants = ExtremeValues<T>(column.type()); });
  Vector all(column.type(), std::max<idx_t>(column.count(), 1));
  for (int i = 0; i < 4 && column.count() > 0; i++) {
    idx_t row = rng() % column.count();
    if (!column.IsValid(row)) continue;
    DispatchPhysical(column.type().physical(), [&]<typename T>() {
      using S = std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>;
      S raw = column.values<S>()[row];
      T value;
      if constexpr (std::is_same_v<T, bool>) {
        value = raw != 0;
      } else {
        value = raw;
      }
      constants.push_back(Value::FromPhysical<T>(column.type(), value));
    });
  }
  constants.push_back(Value(column.type()));  // NULL
  std::vector<ColumnFilter> filters;
  for (const Value& constant : constants) {
    for (ColumnFilterOp op :
         {ColumnFilterOp::kEqual, ColumnFilterOp::kLess, ColumnFilterOp::kLessEqual,
          ColumnFilterOp::kGreater, ColumnFilterOp::kGreaterEqual}) {
      filters.push_back(ColumnFilter{0, op, constant, {}});
    }
    if (column.type().physical() == PhysicalType::kString) {
      filters.push_back(ColumnFilter{0, ColumnFilterOp::kPrefix, constant, {}});
      if (!constant.is_null() && constant.GetString().size() > 2) {
        // A proper prefix of a value in the chunk.
        Value prefix = Value::Varchar(constant.GetString().substr(0, 2));
        filters.push_back(ColumnFilter{0, ColumnFilterOp::kPrefix, prefix, {}});
      }
    }
  }
  // IN lists: a few constants at a time, NULLs included.
  for (size_t i = 0; i + 2 < constants.size(); i += 2) {
    filters.push_back(ColumnFilter{
        0, ColumnFilterOp::kInList, Value(), {constants[i], constants[i + 1], constants[i + 2]}});
  }
  filters.push_back(ColumnFilter{0, ColumnFilterOp::kInList, Value(), {Value(column.type())}});
  filters.push_back(ColumnFilter{0, ColumnFilterOp::kInList, Value(), constants});
  return filters;
}

void CheckFilters(const TestColumn& column, Encoding encoding, uint64_t seed) {
  std::string bytes;
  EncodeChunk(encoding, column.chunk(), &bytes);
  auto opened = OpenChunk(column.type(), reinterpret_cast<const uint8_t*>(bytes.data()),
                          bytes.size(), column.count());
  ASSERT_TRUE(opened.ok()) << opened.status();
  ChunkDecoder& decoder = **opened;
  std::mt19937_64 rng(seed);
  std::vector<ColumnFilter> filters = MakeFilters(column, rng);
  // Ranges: the first vector, an unaligned middle piece, and the tail.
  std::vector<std::pair<idx_t, idx_t>> ranges;
  idx_t rows = column.count();
  ranges.push_back({0, std::min(rows, kVectorSize)});
  if (rows > 10) {
    idx_t offset = 1 + rng() % (rows - 2);
    ranges.push_back({offset, std::min<idx_t>(rng() % kVectorSize + 1, rows - offset)});
  }
  if (rows > kVectorSize)
    ranges.push_back({kVectorSize, std::min(rows - kVectorSize, kVectorSize)});
  Vector decoded(column.type());
  SelectionVector sel(kVectorSize);
  for (auto [offset, count] : ranges) {
    decoded.ResetToFlat();
    decoder.Decode(offset, count, decoded);
    for (const ColumnFilter& filter : filters) {
      SCOPED_TRACE(Concat("op ", static_cast<int>(filter.op), " constant ",
                          filter.constant.ToString(), " list ", filter.values.size(), " range ",
                          offset, "+", count));
      // Reused between filters: stale entries must not leak into a result.
      std::fill(sel.data(), sel.data() + kVectorSize, sel_t{9999});
      std::optional<idx_t> passed = decoder.Filter(offset, count, filter, sel);
      bool string_only = filter.op == ColumnFilterOp::kPrefix;
      bool expect_support =
          encoding != Encoding::kBitpack || (!string_only && filter.values.size() <= 64);
      if (!passed) {
        EXPECT_FALSE(expect_support) << "filter not evaluated";
        continue;
      }
      std::vector<idx_t> actual;
      for (idx_t i = 0; i < *passed; i++) {
        if (i > 0) {
          ASSERT_LT(sel.get_index(i - 1), sel.get_index(i)) << "not ascending";
        }
        ASSERT_LT(sel.get_index(i), count);
        // The caller drops NULL rows after Filter.
        if (column.IsValid(offset + sel.get_index(i))) actual.push_back(sel.get_index(i));
      }
      std::vector<idx_t> expected;
      for (idx_t i = 0; i < count; i++) {
        if (column.IsValid(offset + i) && Passes(decoded.GetValue(i), filter)) {
          expected.push_back(i);
        }
      }
      EXPECT_EQ(actual, expected);
    }
  }
}

class FilterTest : public ::testing::TestWithParam<LogicalType> {};

TEST_P(FilterTest, FilterEqualsDecodeThenCompare) {
  LogicalType type = GetParam();
  uint64_t seed = 1000;
  for (idx_t size : {1, 100, 5000}) {
    for (Shape shape : kAllShapes) {
      for (double nulls : {0.0, 0.3}) {
        auto column = MakeColumn(type, size, shape, nulls, seed++);
        for (Encoding encoding : kFilteringEncodings) {
          if (!GetCodec(encoding).estimate(column->chunk())) continue;
          SCOPED_TRACE(Concat(EncodingName(encoding), " ", ShapeName(shape), " rows=", size,
                              " nulls=", nulls));
          CheckFilters(*column, encoding, seed);
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Types, FilterTest, ::testing::ValuesIn(AllTestTypes()),
                         [](const ::testing::TestParamInfo<LogicalType>& info) {
                           std::string name = info.param.ToString();
                           std::replace_if(
                               name.begin(), name.end(), [](char c) { return !isalnum(c); }, '_');
                           return name;
                         });

// Floats: NaN is above everything and equal to itself; -0.0 equals 0.0.
TEST(FilterSpecialValues, NanAndSignedZero) {
  for (Encoding encoding : {Encoding::kRle, Encoding::kDictionary, Encoding::kConstant}) {
    TestColumn column(LogicalType::Double(), 6);
    double values[] = {std::nan(""), -0.0, 0.0, 1.5, -std::numeric_limits<double>::infinity(),
                       std::nan("")};
    if (encoding == Encoding::kConstant) std::fill(values, values + 6, std::nan(""));
    std::memcpy(column.data(), values, sizeof(values));
    SCOPED_TRACE(EncodingName(encoding));
    CheckFilters(column, encoding, 1);
  }
}

}  // namespace
}  // namespace fluxdb::compression::testing

namespace fluxdb::compression::testing {
namespace {

// A constant of another type than the column's is left to the caller's generic path.
TEST(FilterSpecialValues, ConstantOfAnotherTypeIsNotEvaluated) {
  auto column = MakeColumn(LogicalType::Integer(), 500, Shape::kRuns, 0, 3);
  SelectionVector sel(kVectorSize);
  for (Encoding encoding : kFilteringEncodings) {
    if (!GetCodec(encoding).estimate(column->chunk())) continue;
    SCOPED_TRACE(EncodingName(encoding));
    std::string bytes;
    EncodeChunk(encoding, column->chunk(), &bytes);
    auto decoder = OpenChunk(column->type(), reinterpret_cast<const uint8_t*>(bytes.data()),
                             bytes.size(), column->count());
    ASSERT_TRUE(decoder.ok());
    ColumnFilter wider{0, ColumnFilterOp::kEqual, Value::BigInt(5), {}};
    EXPECT_EQ((*decoder)->Filter(0, 500, wider, sel), std::nullopt);
    ColumnFilter list{0, ColumnFilterOp::kInList, Value(), {Value::Integer(1), Value::Double(2)}};
    EXPECT_EQ((*decoder)->Filter(0, 500, list, sel), std::nullopt);
    ColumnFilter same{0, ColumnFilterOp::kEqual, Value::Integer(5), {}};
    EXPECT_NE((*decoder)->Filter(0, 500, same, sel), std::nullopt);
    ColumnFilter null{0, ColumnFilterOp::kEqual, Value(), {}};
    EXPECT_EQ((*decoder)->Filter(0, 500, null, sel), 0u);
  }
}

}  // namespace
}  // namespace fluxdb::compression::testing
