// approx_count_distinct(x): a HyperLogLog sketch laid out and estimated as DuckDB's, so that both
// engines give the same estimate for the same values.
//
// The sketch has 2^10 one-byte registers (DuckDB's HyperLogLogP<10>); a value's hash picks a
// register with its low 10 bits and records the number of trailing zeros of the rest, plus one.
// The count is Otmar Ertl's improved raw estimator ("New cardinality estimation algorithms for
// HyperLogLog sketches", arXiv:1702.01284, algorithm 6). The values are hashed the way DuckDB
// hashes them (its Hash<T>), not with FluxDB's hash-table hash, because the estimate depends on
// the exact hash values.
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

#include "execution/aggregate/aggregate_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

constexpr int kIndexBits = 10;
constexpr idx_t kRegisters = idx_t{1} << kIndexBits;
constexpr int kRankBits = 64 - kIndexBits;          // a register holds at most kRankBits + 1
constexpr double kAlpha = 0.721347520444481703680;  // 1 / (2 ln 2)

struct Sketch {
  uint8_t registers[kRegisters];
};

// ---- DuckDB's value hash ----

uint64_t Mix64(uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  return x;
}

// Types up to 32 bits are widened to uint32 first (sign-extended), as DuckDB's Hash<T>.
uint64_t HashSmall(int64_t value) { return Mix64(static_cast<uint32_t>(value)); }

uint64_t HashHuge(__int128 value) {
  auto bits = static_cast<unsigned __int128>(value);
  return Mix64(static_cast<uint64_t>(bits)) ^ Mix64(static_cast<uint64_t>(bits >> 64));
}

uint64_t HashStringBytes(const char* data, size_t size) {
  uint64_t h = 0xe17a1465ULL ^ (size * 0xc6a4a7935bd1e995ULL);
  const size_t whole = size - (size & 7);
  for (size_t i = 0; i < whole; i += 8) {
    uint64_t block;
    std::memcpy(&block, data + i, 8);
    h ^= block;
    h *= 0xd6e8feb86659fd93ULL;
  }
  if (whole < size) {
    uint64_t block = 0;  // the last bytes, zero-padded
    std::memcpy(&block, data + whole, size - whole);
    h ^= block;
    h *= 0xd6e8feb86659fd93ULL;
  }
  return Mix64(h);
}

template <typename T>
T CanonicalFloat(T value) {
  if (value == T(0)) return T(0);  // -0.0 hashes as 0.0
  if (std::isnan(value)) return std::numeric_limits<T>::quiet_NaN();
  return value;
}

// DuckDB normalizes an interval (whole days of micros into days, 30 days into a month) and
// combines the hashes of its three parts as 64-bit integers.
uint64_t HashInterval(const Interval& v) {
  constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;
  constexpr int64_t kDaysPerMonth = 30;
  constexpr int64_t kMicrosPerMonth = kMicrosPerDay * kDaysPerMonth;
  int64_t months = v.months + v.days / kDaysPerMonth + v.micros / kMicrosPerMonth;
  int64_t days = v.days % kDaysPerMonth;
  int64_t micros = v.micros % kMicrosPerMonth;
  days += micros / kMicrosPerDay;
  micros %= kMicrosPerDay;
  return Mix64(static_cast<uint64_t>(days)) ^ Mix64(static_cast<uint64_t>(months)) ^
         Mix64(static_cast<uint64_t>(micros));
}

// Hashes of the valid rows of `input`; valid[i] tells which rows count.
void HashRows(const Vector& input, idx_t count, uint64_t* hashes, bool* valid) {
  UnifiedVector u;
  input.ToUnified(count, &u);
  const LogicalType& type = input.type();
  for (idx_t i = 0; i < count; i++) valid[i] = u.IsValid(i);
  DispatchPhysical(type.physical(), [&]<typename T>() {
    const T* values = u.values<T>();
    for (idx_t i = 0; i < count; i++) {
      if (!valid[i]) continue;
      const T& v = values[u.index(i)];
      if constexpr (std::is_same_v<T, StringRef>) {
        std::string_view s = v.view();
        hashes[i] = HashStringBytes(s.data(), s.size());
      } else if constexpr (std::is_same_v<T, float>) {
        float f = CanonicalFloat(v);
        uint32_t bits;
        std::memcpy(&bits, &f, sizeof(bits));
        hashes[i] = Mix64(bits);
      } else if constexpr (std::is_same_v<T, double>) {
        double d = CanonicalFloat(v);
        uint64_t bits;
        std::memcpy(&bits, &d, sizeof(bits));
        hashes[i] = Mix64(bits);
      } else if constexpr (std::is_same_v<T, Interval>) {
        hashes[i] = HashInterval(v);
      } else if constexpr (std::is_same_v<T, __int128>) {
        // UHUGEINT is stored with its top bit flipped to keep its order; DuckDB hashes the value.
        __int128 value = v;
        if (type.id() == TypeId::kUHugeInt) {
          value = static_cast<__int128>(static_cast<unsigned __int128>(value) ^
                                        (static_cast<unsigned __int128>(1) << 127));
        }
        hashes[i] = HashHuge(value);
      } else if constexpr (sizeof(T) == 8) {
        hashes[i] = Mix64(static_cast<uint64_t>(v));
      } else {
        hashes[i] = HashSmall(static_cast<int64_t>(v));
      }
    }
  });
}

// ---- the sketch ----

void Insert(Sketch& sketch, uint64_t hash) {
  idx_t index = hash & (kRegisters - 1);
  // The guard bit caps the rank at kRankBits + 1 when the remaining bits are all zero.
  uint64_t rest = (hash >> kIndexBits) | (uint64_t{1} << kRankBits);
  auto rank = static_cast<uint8_t>(std::countr_zero(rest) + 1);
  if (rank > sketch.registers[index]) sketch.registers[index] = rank;
}

double Sigma(double x) {
  if (x == 1.0) return std::numeric_limits<double>::infinity();
  double y = 1.0;
  double z = x;
  double previous;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (previous != z);
  return z;
}

double Tau(double x) {
  if (x == 0.0 || x == 1.0) return 0.0;
  double y = 1.0;
  double z = 1.0 - x;
  double previous;
  do {
    x = std::sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1.0 - x) * (1.0 - x) * y;
  } while (previous != z);
  return z / 3.0;
}

int64_t Estimate(const Sketch& sketch) {
  uint32_t histogram[kRankBits + 2] = {};
  for (uint8_t rank : sketch.registers) histogram[rank]++;
  const double m = static_cast<double>(kRegisters);
  double z = m * Tau((m - histogram[kRankBits + 1]) / m);
  for (int k = kRankBits; k >= 1; --k) {
    z += histogram[k];
    z *= 0.5;
  }
  z += m * Sigma(histogram[0] / m);
  return std::llround(kAlpha * m * m / z);
}

// ---- the aggregate ----

Status SketchUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr* states,
                    idx_t count) {
  uint64_t hashes[kVectorSize];
  bool valid[kVectorSize];
  HashRows(inputs[0], count, hashes, valid);
  for (idx_t i = 0; i < count; i++) {
    if (valid[i]) Insert(*reinterpret_cast<Sketch*>(states[i]), hashes[i]);
  }
  return Status();
}

Status SketchSimpleUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr state,
                          idx_t count) {
  uint64_t hashes[kVectorSize];
  bool valid[kVectorSize];
  HashRows(inputs[0], count, hashes, valid);
  auto& sketch = *reinterpret_cast<Sketch*>(state);
  for (idx_t i = 0; i < count; i++) {
    if (valid[i]) Insert(sketch, hashes[i]);
  }
  return Status();
}

Status SketchCombine(const BoundExpression&, StatePtr* sources, StatePtr* targets, idx_t count) {
  for (idx_t i = 0; i < count; i++) {
    const auto& source = *reinterpret_cast<const Sketch*>(sources[i]);
    auto& target = *reinterpret_cast<Sketch*>(targets[i]);
    for (idx_t r = 0; r < kRegisters; r++) {
      if (source.registers[r] > target.registers[r]) target.registers[r] = source.registers[r];
    }
  }
  return Status();
}

Status SketchFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                      idx_t offset) {
  int64_t* out = result.data<int64_t>();
  for (idx_t i = 0; i < count; i++) {
    out[offset + i] = Estimate(*reinterpret_cast<const Sketch*>(states[i]));
  }
  return Status();
}

}  // namespace

void RegisterApproxCountDistinct(FunctionRegistry& registry) {
  AggregateFunction f;
  f.name = "approx_count_distinct";
  f.arguments = {kAnyType};
  f.return_type = LogicalType::BigInt();
  f.state_size = [](const BoundExpression&) -> idx_t { return sizeof(Sketch); };
  f.initialize = [](const BoundExpression&, StatePtr state) {
    std::memset(state, 0, sizeof(Sketch));
  };
  f.update = SketchUpdate;
  f.simple_update = SketchSimpleUpdate;
  f.combine = SketchCombine;
  f.finalize = SketchFinalize;
  f.empty_is_zero = true;
  registry.AddAggregate(f);
}

}  // namespace fluxdb
