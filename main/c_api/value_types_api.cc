// C API: conversions of the plain value types (dates, times, timestamps, 128-bit integers).
#include <cmath>

#include "common/date_time.h"
#include "common/number_format.h"
#include "main/c_api/c_api_internal.h"

using namespace fluxdb;  // NOLINT

namespace {

int128_t FromCHugeInt(fluxdb_hugeint v) {
  return static_cast<int128_t>((static_cast<uint128_t>(static_cast<uint64_t>(v.upper)) << 64) |
                               v.lower);
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

}  // namespace

extern "C" {

fluxdb_date_struct fluxdb_from_date(fluxdb_date date) {
  CivilDate civil = date_time::CivilFromDays(date.days);
  return fluxdb_date_struct{civil.year, static_cast<int8_t>(civil.month),
                            static_cast<int8_t>(civil.day)};
}

fluxdb_date fluxdb_to_date(fluxdb_date_struct date) {
  return fluxdb_date{
      static_cast<int32_t>(date_time::DaysFromCivil(date.year, date.month, date.day))};
}

fluxdb_time_struct fluxdb_from_time(fluxdb_time time) {
  int64_t micros = time.micros;
  fluxdb_time_struct out;
  out.hour = static_cast<int8_t>(micros / kMicrosPerHour);
  micros %= kMicrosPerHour;
  out.min = static_cast<int8_t>(micros / kMicrosPerMinute);
  micros %= kMicrosPerMinute;
  out.sec = static_cast<int8_t>(micros / kMicrosPerSecond);
  out.micros = static_cast<int32_t>(micros % kMicrosPerSecond);
  return out;
}

fluxdb_time fluxdb_to_time(fluxdb_time_struct time) {
  return fluxdb_time{time.hour * kMicrosPerHour + time.min * kMicrosPerMinute +
                     time.sec * kMicrosPerSecond + time.micros};
}

fluxdb_timestamp_struct fluxdb_from_timestamp(fluxdb_timestamp ts) {
  int64_t days = FloorDiv(ts.micros, kMicrosPerDay);
  int64_t time = ts.micros - days * kMicrosPerDay;
  fluxdb_timestamp_struct out;
  out.date = fluxdb_from_date(fluxdb_date{static_cast<int32_t>(days)});
  out.time = fluxdb_from_time(fluxdb_time{time});
  return out;
}

fluxdb_timestamp fluxdb_to_timestamp(fluxdb_timestamp_struct ts) {
  return fluxdb_timestamp{static_cast<int64_t>(fluxdb_to_date(ts.date).days) * kMicrosPerDay +
                          fluxdb_to_time(ts.time).micros};
}

double fluxdb_hugeint_to_double(fluxdb_hugeint value) {
  return static_cast<double>(FromCHugeInt(value));
}

bool fluxdb_hugeint_to_int64(fluxdb_hugeint value, int64_t* out) {
  int128_t v = FromCHugeInt(value);
  if (v < INT64_MIN || v > INT64_MAX) return false;
  if (out != nullptr) *out = static_cast<int64_t>(v);
  return true;
}

fluxdb_hugeint fluxdb_int64_to_hugeint(int64_t value) {
  return fluxdb_hugeint{static_cast<uint64_t>(value), value < 0 ? -1 : 0};
}

double fluxdb_decimal_to_double(fluxdb_decimal value) {
  if (value.scale > 38) return 0;
  return static_cast<double>(FromCHugeInt(value.value)) /
         static_cast<double>(PowerOfTen128(value.scale));
}

}  // extern "C"
