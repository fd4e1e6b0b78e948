#include "common/status.h"

#include <cstdio>
#include <cstdlib>

namespace fluxdb {

namespace {
struct ErrorClassInfo {
  absl::StatusCode code;
  const char* prefix;
};

ErrorClassInfo InfoFor(ErrorClass error_class) {
  switch (error_class) {
    case ErrorClass::kParser:
      return {absl::StatusCode::kInvalidArgument, "Parser Error"};
    case ErrorClass::kSyntax:
      return {absl::StatusCode::kInvalidArgument, "Syntax Error"};
    case ErrorClass::kBinder:
      return {absl::StatusCode::kInvalidArgument, "Binder Error"};
    case ErrorClass::kCatalog:
      return {absl::StatusCode::kNotFound, "Catalog Error"};
    case ErrorClass::kConversion:
      return {absl::StatusCode::kInvalidArgument, "Conversion Error"};
    case ErrorClass::kOutOfRange:
      return {absl::StatusCode::kOutOfRange, "Out of Range Error"};
    case ErrorClass::kConstraint:
      return {absl::StatusCode::kFailedPrecondition, "Constraint Error"};
    case ErrorClass::kInvalidInput:
      return {absl::StatusCode::kInvalidArgument, "Invalid Input Error"};
    case ErrorClass::kNotImplemented:
      return {absl::StatusCode::kUnimplemented, "Not implemented Error"};
    case ErrorClass::kIO:
      return {absl::StatusCode::kUnavailable, "IO Error"};
    case ErrorClass::kCorruption:
      return {absl::StatusCode::kDataLoss, "Corruption Error"};
    case ErrorClass::kOutOfMemory:
      return {absl::StatusCode::kResourceExhausted, "Out of Memory Error"};
    case ErrorClass::kTransaction:
      return {absl::StatusCode::kAborted, "TransactionContext Error"};
    case ErrorClass::kInterrupt:
      return {absl::StatusCode::kCancelled, "INTERRUPT Error"};
    case ErrorClass::kInternal:
      return {absl::StatusCode::kInternal, "INTERNAL Error"};
  }
  return {absl::StatusCode::kInternal, "INTERNAL Error"};
}
}  // namespace

Status MakeError(ErrorClass error_class, std::string_view message) {
  ErrorClassInfo info = InfoFor(error_class);
  return Status(info.code, Concat(info.prefix, ": ", message));
}

namespace internal {
void CheckFailed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "FluxDB internal invariant failed: %s at %s:%d\n", condition, file, line);
  std::abort();
}
}  // namespace internal

}  // namespace fluxdb
