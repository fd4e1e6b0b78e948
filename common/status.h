// Error handling for the whole engine.
//
// FluxDB reports recoverable failures through absl::Status / absl::StatusOr. The status code tells
// the kind of failure to programs (InvalidArgument for parse, bind and type errors, NotFound for
// unknown names, DataLoss for checksum failures, ResourceExhausted for memory, Internal for bugs);
// the message starts with a DuckDB-style class name ("Binder Error: ...") so that people and the
// sqllogictest corpora see the same text DuckDB users know.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace fluxdb {

using absl::Status;
using absl::StatusOr;

/// Each class of user-visible error; the prefix is what the message starts with.
enum class ErrorClass {
  kParser,       // "Parser Error"
  kSyntax,       // "Syntax Error" (a malformed argument the grammar cannot see: LIKE escapes)
  kBinder,       // "Binder Error"
  kCatalog,      // "Catalog Error"
  kConversion,   // "Conversion Error"
  kOutOfRange,   // "Out of Range Error"
  kConstraint,   // "Constraint Error"
  kInvalidInput, // "Invalid Input Error"
  kNotImplemented,
  kIO,           // "IO Error"
  kCorruption,   // "Corruption Error" (checksum failure, foreign file)
  kOutOfMemory,  // "Out of Memory Error"
  kTransaction,  // "TransactionContext Error"
  kInterrupt,    // "INTERRUPT Error"
  kInternal,     // "INTERNAL Error"
};

/// absl::StrCat that also takes std::string_view (Debian's Abseil has its own string_view type,
/// so absl::StrCat rejects the standard one). Use this everywhere instead of absl::StrCat.
namespace internal {
template <typename T>
decltype(auto) ToAlphaNum(const T& v) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return absl::string_view(v.data(), v.size());
  } else {
    return (v);
  }
}
}  // namespace internal
template <typename... Args>
std::string Concat(const Args&... args) {
  return absl::StrCat(internal::ToAlphaNum(args)...);
}

/// Builds a status of the given class; the message is prefixed with the class name.
Status MakeError(ErrorClass error_class, std::string_view message);

template <typename... Args>
Status ParserError(const Args&... args) {
  return MakeError(ErrorClass::kParser, Concat(args...));
}
template <typename... Args>
Status SyntaxError(const Args&... args) {
  return MakeError(ErrorClass::kSyntax, Concat(args...));
}
template <typename... Args>
Status BinderError(const Args&... args) {
  return MakeError(ErrorClass::kBinder, Concat(args...));
}
template <typename... Args>
Status CatalogError(const Args&... args) {
  return MakeError(ErrorClass::kCatalog, Concat(args...));
}
template <typename... Args>
Status ConversionError(const Args&... args) {
  return MakeError(ErrorClass::kConversion, Concat(args...));
}
template <typename... Args>
Status OutOfRangeError(const Args&... args) {
  return MakeError(ErrorClass::kOutOfRange, Concat(args...));
}
template <typename... Args>
Status ConstraintError(const Args&... args) {
  return MakeError(ErrorClass::kConstraint, Concat(args...));
}
template <typename... Args>
Status InvalidInputError(const Args&... args) {
  return MakeError(ErrorClass::kInvalidInput, Concat(args...));
}
template <typename... Args>
Status NotImplementedError(const Args&... args) {
  return MakeError(ErrorClass::kNotImplemented, Concat(args...));
}
template <typename... Args>
Status IOError(const Args&... args) {
  return MakeError(ErrorClass::kIO, Concat(args...));
}
template <typename... Args>
Status CorruptionError(const Args&... args) {
  return MakeError(ErrorClass::kCorruption, Concat(args...));
}
template <typename... Args>
Status OutOfMemoryError(const Args&... args) {
  return MakeError(ErrorClass::kOutOfMemory, Concat(args...));
}
template <typename... Args>
Status TransactionError(const Args&... args) {
  return MakeError(ErrorClass::kTransaction, Concat(args...));
}
template <typename... Args>
Status InterruptError(const Args&... args) {
  return MakeError(ErrorClass::kInterrupt, Concat(args...));
}
template <typename... Args>
Status InternalError(const Args&... args) {
  return MakeError(ErrorClass::kInternal, Concat(args...));
}

/// The message of a status without absl's "CODE: " decoration.
inline std::string ErrorMessage(const Status& status) { return std::string(status.message()); }

}  // namespace fluxdb

#define FLUX_CONCAT_IMPL(a, b) a##b
#define FLUX_CONCAT(a, b) FLUX_CONCAT_IMPL(a, b)

/// Returns from the enclosing function when `expr` yields a non-OK status.
#define FLUX_RETURN_IF_ERROR(expr)                  \
  do {                                              \
    ::absl::Status flux_status_ = (expr);           \
    if (!flux_status_.ok()) return flux_status_;    \
  } while (0)

/// `FLUX_ASSIGN_OR_RETURN(auto x, MakeX());` unwraps a StatusOr or returns its error.
#define FLUX_ASSIGN_OR_RETURN(lhs, rexpr) \
  FLUX_ASSIGN_OR_RETURN_IMPL(FLUX_CONCAT(flux_statusor_, __LINE__), lhs, rexpr)
#define FLUX_ASSIGN_OR_RETURN_IMPL(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                               \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

/// Invariant checks: programmer errors, never user errors. Active in every build because a
/// database that continues after a broken invariant can corrupt a file.
#define FLUX_CHECK(cond)                                                          \
  do {                                                                            \
    if (!(cond)) ::fluxdb::internal::CheckFailed(#cond, __FILE__, __LINE__);      \
  } while (0)
#ifndef NDEBUG
#define FLUX_DCHECK(cond) FLUX_CHECK(cond)
#else
#define FLUX_DCHECK(cond) \
  do {                    \
  } while (0)
#endif

namespace fluxdb::internal {
[[noreturn]] void CheckFailed(const char* condition, const char* file, int line);
}  // namespace fluxdb::internal
