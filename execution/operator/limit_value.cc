#include "execution/operator/limit_value.h"

#include "absl/strings/str_format.h"
#include "execution/cast/cast_kernels.h"
#include "execution/cast/vector_cast.h"
#include "execution/operator/physical_limit.h"

namespace fluxdb {

namespace {

// A conversion failing at run time is invalid input, not a conversion error.
Status AsInvalidInput(const Status& status) {
  std::string message = ErrorMessage(status);
  constexpr std::string_view kPrefix = "Conversion Error: ";
  if (message.starts_with(kPrefix)) message = message.substr(kPrefix.size());
  return InvalidInputError(message);
}

}  // namespace

StatusOr<idx_t> LimitRowCount(const Value& value) {
  if (value.is_null()) return PhysicalLimit::kNoLimit;
  auto converted = CastValue(value, LogicalType::BigInt());
  if (!converted.ok()) {
    // DuckDB converts to an unsigned count.
    std::string message = ErrorMessage(AsInvalidInput(converted.status()));
    if (message.ends_with(" INT64")) message.insert(message.size() - 5, "U");
    return Status(converted.status().code(), message);
  }
  if (converted->is_null()) return PhysicalLimit::kNoLimit;
  int64_t rows = converted->GetInt64();
  if (rows < 0) {
    return InvalidInputError("Type ", cast_internal::CastTypeName(value.type()), " with value ",
                             value.ToString(),
                             " can't be cast because the value is out of range for the "
                             "destination type UINT64");
  }
  return static_cast<idx_t>(rows);
}

StatusOr<double> LimitPercentage(const Value& value, bool constant) {
  if (value.is_null()) return 100.0;
  auto converted = CastValue(value, LogicalType::Double());
  if (!converted.ok()) return AsInvalidInput(converted.status());
  if (converted->is_null()) return 100.0;
  double percent = converted->GetDouble();
  if (percent < 0 && !constant) {
    return BinderError("Percentage value(", absl::StrFormat("%f", percent), ") can't be negative");
  }
  if (!(percent >= 0 && percent <= 100)) {
    return OutOfRangeError("Limit percent out of range, should be between 0% and 100%");
  }
  return percent;
}

}  // namespace fluxdb
