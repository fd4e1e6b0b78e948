// Integer functions: gcd, lcm, factorial, bit_count and the bitwise operators & | xor << >> ~.
//
// Overflow is an Out of Range error with DuckDB's messages; shifting by a negative amount or
// past the width is an error for << and gives 0 for >>.
#include <limits>

#include "common/number_format.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

template <typename T>
constexpr T MaxOf() {
  if constexpr (std::is_same_v<T, int128_t>) {
    return static_cast<int128_t>((static_cast<uint128_t>(1) << 127) - 1);
  } else {
    return std::numeric_limits<T>::max();
  }
}

template <typename T>
constexpr T MinOf() {
  if constexpr (std::is_same_v<T, int128_t>) {
    return static_cast<int128_t>(static_cast<uint128_t>(1) << 127);
  } else {
    return std::numeric_limits<T>::min();
  }
}

template <typename T>
constexpr int kBits = std::is_same_v<T, int128_t> ? 128 : static_cast<int>(sizeof(T) * 8);

template <typename T>
std::string Text(T v) {
  if constexpr (std::is_same_v<T, int128_t>) {
    return Int128ToString(v);
  } else {
    return std::to_string(static_cast<int64_t>(v));
  }
}

template <typename T>
T Gcd(T a, T b) {
  while (b != 0) {
    T t = a % b;
    a = b;
    b = t;
  }
  return a;
}

template <typename T>
Status GcdBody(const DataChunk& args, ExpressionState&, Vector& result) {
  T bad{};
  bool ok = BinaryTryExecute<T, T, T>(args.column(0), args.column(1), result, args.size(),
                                      [&](T a, T b, T* out, bool*) {
                                        if (a == MinOf<T>() || b == MinOf<T>()) {
                                          bad = a == MinOf<T>() ? a : b;
                                          return false;
                                        }
                                        *out = Gcd<T>(a < 0 ? -a : a, b < 0 ? -b : b);
                                        return true;
                                      });
  if (!ok) return OutOfRangeError("Overflow on abs(", Text(bad), ")");
  return Status();
}

template <typename T>
Status LcmBody(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<T, T, T>(args.column(0), args.column(1), result, args.size(),
                                      [&](T a, T b, T* out, bool*) {
                                        if (a == MinOf<T>() || b == MinOf<T>()) return false;
                                        a = a < 0 ? -a : a;
                                        b = b < 0 ? -b : b;
                                        if (a == 0 || b == 0) {
                                          *out = 0;
                                          return true;
                                        }
                                        T g = Gcd<T>(a, b);
                                        return !__builtin_mul_overflow(a / g, b, out);
                                      });
  if (!ok) return OutOfRangeError("lcm value is out of range");
  return Status();
}

Status FactorialBody(const DataChunk& args, ExpressionState&, Vector& result) {
  bool negative = false;
  bool ok = UnaryTryExecute<int32_t, int128_t>(args.column(0), result, args.size(),
                                               [&](int32_t n, int128_t* out) {
                                                 if (n < 0) {
                                                   negative = true;
                                                   return false;
                                                 }
                                                 int128_t r = 1;
                                                 for (int32_t i = 2; i <= n; i++) {
                                                   if (__builtin_mul_overflow(r, i, &r))
                                                     return false;
                                                 }
                                                 *out = r;
                                                 return true;
                                               });
  if (ok) return Status();
  if (negative) return OutOfRangeError("factorial of a negative number is undefined");
  return OutOfRangeError("Value out of range");
}

template <typename T>
Status BitCount(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<T, int8_t>(args.column(0), result, args.size(), [](T v) -> int8_t {
    if constexpr (std::is_same_v<T, int128_t>) {
      auto u = static_cast<uint128_t>(v);
      return static_cast<int8_t>(__builtin_popcountll(static_cast<uint64_t>(u)) +
                                 __builtin_popcountll(static_cast<uint64_t>(u >> 64)));
    } else {
      using U = std::make_unsigned_t<T>;
      return static_cast<int8_t>(__builtin_popcountll(static_cast<uint64_t>(static_cast<U>(v))));
    }
  });
  return Status();
}

template <typename T, char kOp>
Status Bitwise(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<T, T, T>(args.column(0), args.column(1), result, args.size(), [](T a, T b) -> T {
    if (kOp == '&') return a & b;
    if (kOp == '|') return a | b;
    return a ^ b;
  });
  return Status();
}

template <typename T>
Status BitwiseNot(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<T, T>(args.column(0), result, args.size(), [](T v) -> T { return ~v; });
  return Status();
}

template <typename T>
Status ShiftLeft(const DataChunk& args, ExpressionState&, Vector& result) {
  Status status;
  bool ok = BinaryTryExecute<T, T, T>(
      args.column(0), args.column(1), result, args.size(), [&](T v, T shift, T* out, bool*) {
        if (shift < 0) {
          status = OutOfRangeError("Cannot left-shift by negative number ", Text(shift));
          return false;
        }
        if (shift >= kBits<T>) {
          if (v == 0) {
            *out = 0;
            return true;
          }
          status = OutOfRangeError("Left-shift value ", Text(shift), " is out of range");
          return false;
        }
        if (v < 0) {
          status = OutOfRangeError("Cannot left-shift negative number ", Text(v));
          return false;
        }
        if (shift > 0 && v > (MaxOf<T>() >> shift)) {
          status = OutOfRangeError("Overflow in left shift (", Text(v), " << ", Text(shift), ")");
          return false;
        }
        *out = static_cast<T>(v << shift);
        return true;
      });
  if (!ok) return status;
  return Status();
}

template <typename T>
Status ShiftRight(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<T, T, T>(args.column(0), args.column(1), result, args.size(),
                         [](T v, T shift) -> T {
                           if (shift < 0 || shift >= kBits<T>) return 0;
                           return static_cast<T>(v >> shift);
                         });
  return Status();
}

template <typename T>
void AddBitwise(FunctionRegistry& registry, LogicalType type) {
  registry.AddScalar(ScalarFunction{"&", {type, type}, type, Bitwise<T, '&'>});
  registry.AddScalar(ScalarFunction{"|", {type, type}, type, Bitwise<T, '|'>});
  registry.AddScalar(ScalarFunction{"xor", {type, type}, type, Bitwise<T, '^'>});
  registry.AddScalar(ScalarFunction{"<<", {type, type}, type, ShiftLeft<T>});
  registry.AddScalar(ScalarFunction{">>", {type, type}, type, ShiftRight<T>});
  registry.AddScalar(ScalarFunction{"~", {type}, type, BitwiseNot<T>});
  registry.AddScalar(ScalarFunction{"bit_count", {type}, LogicalType::TinyInt(), BitCount<T>});
}

}  // namespace

void RegisterMathIntegerFunctions(FunctionRegistry& registry) {
  const LogicalType big = LogicalType::BigInt();
  const LogicalType huge = LogicalType::HugeInt();
  registry.AddScalar(ScalarFunction{"gcd", {big, big}, big, GcdBody<int64_t>});
  registry.AddScalar(ScalarFunction{"gcd", {huge, huge}, huge, GcdBody<int128_t>});
  registry.AddAlias("greatest_common_divisor", "gcd");
  registry.AddScalar(ScalarFunction{"lcm", {big, big}, big, LcmBody<int64_t>});
  registry.AddScalar(ScalarFunction{"lcm", {huge, huge}, huge, LcmBody<int128_t>});
  registry.AddAlias("least_common_multiple", "lcm");
  registry.AddScalar(ScalarFunction{"factorial", {LogicalType::Integer()}, huge, FactorialBody});
  AddBitwise<int8_t>(registry, LogicalType::TinyInt());
  AddBitwise<int16_t>(registry, LogicalType::SmallInt());
  AddBitwise<int32_t>(registry, LogicalType::Integer());
  AddBitwise<int64_t>(registry, big);
  AddBitwise<int128_t>(registry, huge);
}

}  // namespace fluxdb
