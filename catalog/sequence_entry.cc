#include "catalog/sequence_entry.h"

namespace fluxdb {

namespace {

// DuckDB's class for a sequence that ran out or was not used yet.
template <typename... Args>
Status SequenceError(const Args&... args) {
  return Status(absl::StatusCode::kFailedPrecondition, Concat("Sequence Error: ", args...));
}

}  // namespace

StatusOr<int64_t> SequenceCounter::Next(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  SequenceRecord& s = state_;
  int64_t result = s.counter;
  int64_t next = 0;
  bool overflow = __builtin_add_overflow(s.counter, s.increment, &next);
  if (s.cycle) {
    if (overflow) {
      next = s.increment < 0 ? s.max_value : s.min_value;
    } else if (next < s.min_value) {
      next = s.max_value;
    } else if (next > s.max_value) {
      next = s.min_value;
    }
  } else {
    // As DuckDB: a counter that cannot step past the value fails on it, like one past a bound.
    if (result < s.min_value || (overflow && s.increment < 0)) {
      return SequenceError("nextval: reached minimum value of sequence \"", name, "\" (",
                           s.min_value, ")");
    }
    if (result > s.max_value || overflow) {
      return SequenceError("nextval: reached maximum value of sequence \"", name, "\" (",
                           s.max_value, ")");
    }
  }
  s.counter = next;
  s.last_value = result;
  s.usage_count++;
  return result;
}

StatusOr<int64_t> SequenceCounter::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (state_.usage_count == 0) {
    return SequenceError("currval: sequence is not yet defined in this session");
  }
  return state_.last_value;
}

SequenceRecord SequenceCounter::state() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_;
}

CatalogRecord SequenceEntry::CurrentRecord() const {
  CatalogRecord record = record_;
  record.sequence = counter_->state();
  return record;
}

Status ValidateSequence(const SequenceRecord& s) {
  if (s.increment == 0) return ParserError("Increment must not be zero");
  if (s.max_value <= s.min_value) {
    return ParserError("MINVALUE (", s.min_value, ") must be less than MAXVALUE (", s.max_value,
                       ")");
  }
  if (s.start < s.min_value) {
    return ParserError("START value (", s.start, ") cannot be less than MINVALUE (", s.min_value,
                       ")");
  }
  if (s.start > s.max_value) {
    return ParserError("START value (", s.start, ") cannot be greater than MAXVALUE (", s.max_value,
                       ")");
  }
  return Status();
}

}  // namespace fluxdb
