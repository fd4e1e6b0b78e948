// The input layout of file_fuzzer, shared with file_fuzzer_seeds (which writes valid inputs).
//
//   byte 0      flags (FileFuzzFlags)
//   bytes 1-4   u32 little endian: length of the database file image (clamped to what follows)
//   then        the database file image, then the write-ahead log image (may be empty: no log)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fluxdb::fuzz {

enum FileFuzzFlags : uint8_t {
  // Recompute every page's checksum after mutation, so that the damage reaches the code that
  // interprets pages instead of stopping at the checksum check.
  kFixPageChecksums = 1,
  // Recompute the log header's and every record's checksum.
  kFixWalChecksums = 2,
  // Open the database read-only (no recovery writes, no checkpoint on close).
  kReadOnly = 4,
  // After reading, write to the database (insert, delete, checkpoint) and check it again.
  kWrite = 8,
};

inline std::string MakeFileFuzzInput(uint8_t flags, std::string_view database,
                                     std::string_view wal) {
  std::string input(1, static_cast<char>(flags));
  for (int i = 0; i < 4; i++) input += static_cast<char>((database.size() >> (8 * i)) & 0xFF);
  input.append(database);
  input.append(wal);
  return input;
}

}  // namespace fluxdb::fuzz
