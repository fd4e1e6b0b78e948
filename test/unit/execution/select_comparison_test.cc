// SelectComparison's tight loops (flat, constant, selected operands; a small string dictionary
// compared once per entry) must select exactly the rows the row-by-row comparison selects, for
// every operator, with NaN and long strings among the values.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "common/data_chunk.h"
#include "execution/function/comparison_kernels.h"

namespace fluxdb {
namespace {

constexpr ComparisonType kOperators[] = {ComparisonType::kEqual,   ComparisonType::kNotEqual,
                                         ComparisonType::kLess,    ComparisonType::kLessEqual,
                                         ComparisonType::kGreater, ComparisonType::kGreaterEqual};

// The rows SelectComparison keeps, as a list.
std::vector<idx_t> Selected(ComparisonType type, const Vector& left, const Vector& right,
                            idx_t count) {
  SelectionVector sel(kVectorSize);
  idx_t n = SelectComparison(type, left, right, count, sel);
  std::vector<idx_t> rows;
  for (idx_t i = 0; i < n; i++) rows.push_back(sel.get_index(i));
  return rows;
}

// The same rows from CompareVectors (the value-producing kernel) on flattened copies.
std::vector<idx_t> Expected(ComparisonType type, const Vector& left, const Vector& right,
                            idx_t count) {
  Vector result(LogicalType::Boolean());
  EXPECT_TRUE(CompareVectors(type, left, right, count, result).ok());
  UnifiedVector u;
  result.ToUnified(count, &u);
  std::vector<idx_t> rows;
  for (idx_t i = 0; i < count; i++) {
    if (u.IsValid(i) && u.values<bool>()[u.index(i)]) rows.push_back(i);
  }
  return rows;
}

template <typename T>
void CheckAll(const std::shared_ptr<Vector>& dictionary, idx_t entries, const T& constant,
              LogicalType type) {
  const idx_t count = kVectorSize;
  SelectionVector codes(count);
  for (idx_t i = 0; i < count; i++) codes.set_index(i, (i * 7 + i / 5) % entries);
  Vector selected(type, 1);
  selected.SetDictionary(dictionary, codes);
  Vector flat(type, count);
  flat.CopyRows(selected, SelectionVector::Incrementing(), count, 0);
  Vector single(type, 1);
  single.data<T>()[0] = constant;
  single.MarkConstant();
  for (ComparisonType op : kOperators) {
    EXPECT_EQ(Selected(op, selected, single, count), Expected(op, flat, single, count));
    EXPECT_EQ(Selected(op, single, selected, count), Expected(op, single, flat, count));
    EXPECT_EQ(Selected(op, selected, flat, count), Expected(op, flat, flat, count));
  }
}

TEST(SelectComparisonTest, SelectedIntegers) {
  auto dictionary = std::make_shared<Vector>(LogicalType::BigInt(), 300);
  for (idx_t e = 0; e < 300; e++) dictionary->data<int64_t>()[e] = static_cast<int64_t>(e) - 150;
  CheckAll<int64_t>(dictionary, 300, 7, LogicalType::BigInt());
}

TEST(SelectComparisonTest, SelectedDoublesWithNaN) {
  auto dictionary = std::make_shared<Vector>(LogicalType::Double(), 5);
  double values[] = {1.5, std::nan(""), -0.0, 0.0, 1e300};
  for (idx_t e = 0; e < 5; e++) dictionary->data<double>()[e] = values[e];
  CheckAll<double>(dictionary, 5, 0.0, LogicalType::Double());
  CheckAll<double>(dictionary, 5, std::nan(""), LogicalType::Double());
}

TEST(SelectComparisonTest, SmallStringDictionary) {
  std::vector<std::string> words = {"MAIL",
                                    "SHIP",
                                    "AIR",
                                    "a considerably longer string value",
                                    "a considerably longer string valuf",
                                    "",
                                    "RAIL"};
  auto dictionary = std::make_shared<Vector>(LogicalType::Varchar(), words.size());
  for (idx_t e = 0; e < words.size(); e++) {
    dictionary->data<StringRef>()[e] = StringRef(words[e].data(), words[e].size());
  }
  for (const std::string& probe : {std::string("SHIP"), std::string("B"), words[3]}) {
    CheckAll<StringRef>(dictionary, words.size(), StringRef(probe.data(), probe.size()),
                        LogicalType::Varchar());
  }
}

}  // namespace
}  // namespace fluxdb
