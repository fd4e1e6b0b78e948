// Edit distances and similarities on bytes, as DuckDB: levenshtein/editdist3,
// damerau_levenshtein, hamming/mismatches, jaccard, jaro_similarity, jaro_winkler_similarity.
#include <algorithm>
#include <bitset>
#include <string>
#include <vector>

#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

// One row of the DP table is reused across calls (no allocation per row once warmed up).
int64_t Levenshtein(std::string_view a, std::string_view b, std::vector<int64_t>* row) {
  if (a.size() < b.size()) std::swap(a, b);
  row->resize(b.size() + 1);
  for (size_t j = 0; j <= b.size(); j++) (*row)[j] = static_cast<int64_t>(j);
  for (size_t i = 1; i <= a.size(); i++) {
    int64_t diagonal = (*row)[0];
    (*row)[0] = static_cast<int64_t>(i);
    for (size_t j = 1; j <= b.size(); j++) {
      int64_t above = (*row)[j];
      int64_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      (*row)[j] = std::min({above + 1, (*row)[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return (*row)[b.size()];
}

// Unrestricted Damerau-Levenshtein (adjacent transpositions, substrings may be edited again).
int64_t DamerauLevenshtein(std::string_view a, std::string_view b, std::vector<int64_t>* table) {
  size_t n = a.size(), m = b.size();
  int64_t infinity = static_cast<int64_t>(n + m);
  size_t width = m + 2;
  table->assign((n + 2) * width, 0);
  auto at = [&](size_t i, size_t j) -> int64_t& { return (*table)[i * width + j]; };
  at(0, 0) = infinity;
  for (size_t i = 0; i <= n; i++) {
    at(i + 1, 0) = infinity;
    at(i + 1, 1) = static_cast<int64_t>(i);
  }
  for (size_t j = 0; j <= m; j++) {
    at(0, j + 1) = infinity;
    at(1, j + 1) = static_cast<int64_t>(j);
  }
  size_t last_row[256] = {};
  for (size_t i = 1; i <= n; i++) {
    size_t last_match_col = 0;
    for (size_t j = 1; j <= m; j++) {
      size_t i1 = last_row[static_cast<unsigned char>(b[j - 1])];
      size_t j1 = last_match_col;
      int64_t cost = 1;
      if (a[i - 1] == b[j - 1]) {
        cost = 0;
        last_match_col = j;
      }
      at(i + 1, j + 1) =
          std::min({at(i, j) + cost, at(i + 1, j) + 1, at(i, j + 1) + 1,
                    at(i1, j1) + static_cast<int64_t>((i - i1 - 1) + 1 + (j - j1 - 1))});
    }
    last_row[static_cast<unsigned char>(a[i - 1])] = i;
  }
  return at(n + 1, m + 1);
}

double Jaro(std::string_view a, std::string_view b, std::vector<char>* flags) {
  if (a.empty() || b.empty()) return 0.0;
  size_t window = std::max(a.size(), b.size()) / 2;
  window = window > 0 ? window - 1 : 0;
  flags->assign(a.size() + b.size(), 0);
  char* a_flags = flags->data();
  char* b_flags = flags->data() + a.size();
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); i++) {
    size_t lo = i > window ? i - window : 0;
    size_t hi = std::min(b.size(), i + window + 1);
    for (size_t j = lo; j < hi; j++) {
      if (!b_flags[j] && a[i] == b[j]) {
        a_flags[i] = b_flags[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t transpositions = 0, k = 0;
  for (size_t i = 0; i < a.size(); i++) {
    if (!a_flags[i]) continue;
    while (!b_flags[k]) k++;
    if (a[i] != b[k]) transpositions++;
    k++;
  }
  double m = static_cast<double>(matches);
  return (m / a.size() + m / b.size() + (m - transpositions / 2) / m) / 3.0;
}

double JaroWinkler(std::string_view a, std::string_view b, std::vector<char>* flags) {
  double sim = Jaro(a, b, flags);
  if (sim <= 0.7) return sim;
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) prefix++;
  return sim + static_cast<double>(prefix) * 0.1 * (1.0 - sim);
}

Status LevenshteinBody(const DataChunk& args, ExpressionState&, Vector& result) {
  std::vector<int64_t> row;
  BinaryExecute<StringRef, StringRef, int64_t>(args.column(0), args.column(1), result, args.size(),
                                               [&](const StringRef& a, const StringRef& b) {
                                                 return Levenshtein(a.view(), b.view(), &row);
                                               });
  return Status();
}

Status DamerauBody(const DataChunk& args, ExpressionState&, Vector& result) {
  std::vector<int64_t> table;
  BinaryExecute<StringRef, StringRef, int64_t>(args.column(0), args.column(1), result, args.size(),
                                               [&](const StringRef& a, const StringRef& b) {
                                                 return DamerauLevenshtein(a.view(), b.view(),
                                                                           &table);
                                               });
  return Status();
}

Status HammingBody(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<StringRef, StringRef, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](const StringRef& a, const StringRef& b, int64_t* out, bool*) {
        if (a.size() != b.size()) return false;
        std::string_view x = a.view(), y = b.view();
        int64_t n = 0;
        for (size_t i = 0; i < x.size(); i++) n += x[i] != y[i];
        *out = n;
        return true;
      });
  if (!ok) return InvalidInputError("Mismatch Function: Strings must be of equal length!");
  return Status();
}

Status JaccardBody(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<StringRef, StringRef, double>(
      args.column(0), args.column(1), result, args.size(),
      [](const StringRef& a, const StringRef& b, double* out, bool*) {
        if (a.size() == 0 || b.size() == 0) return false;
        std::bitset<256> x, y;
        for (unsigned char c : a.view()) x.set(c);
        for (unsigned char c : b.view()) y.set(c);
        *out = static_cast<double>((x & y).count()) / static_cast<double>((x | y).count());
        return true;
      });
  if (!ok) return InvalidInputError("Jaccard Function: An argument too short!");
  return Status();
}

template <bool kWinkler>
Status JaroBody(const DataChunk& args, ExpressionState&, Vector& result) {
  std::vector<char> flags;
  BinaryExecute<StringRef, StringRef, double>(args.column(0), args.column(1), result, args.size(),
                                              [&](const StringRef& a, const StringRef& b) {
                                                return kWinkler
                                                           ? JaroWinkler(a.view(), b.view(), &flags)
                                                           : Jaro(a.view(), b.view(), &flags);
                                              });
  return Status();
}

}  // namespace

void RegisterStringSimilarityFunctions(FunctionRegistry& registry) {
  const LogicalType text = LogicalType::Varchar();
  const LogicalType big = LogicalType::BigInt();
  const LogicalType dbl = LogicalType::Double();
  registry.AddScalar(ScalarFunction{"levenshtein", {text, text}, big, LevenshteinBody});
  registry.AddAlias("editdist3", "levenshtein");
  registry.AddScalar(ScalarFunction{"damerau_levenshtein", {text, text}, big, DamerauBody});
  registry.AddScalar(ScalarFunction{"hamming", {text, text}, big, HammingBody});
  registry.AddAlias("mismatches", "hamming");
  registry.AddScalar(ScalarFunction{"jaccard", {text, text}, dbl, JaccardBody});
  registry.AddScalar(ScalarFunction{"jaro_similarity", {text, text}, dbl, JaroBody<false>});
  registry.AddScalar(ScalarFunction{"jaro_winkler_similarity", {text, text}, dbl, JaroBody<true>});
}

}  // namespace fluxdb
