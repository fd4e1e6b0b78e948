// The integrity check of a database file, as `fluxdb check` runs it.
#pragma once

#include <string>
#include <vector>

namespace fluxdb {

struct FileCheckResult {
  /// Problems found, each naming the page and the object it concerns; empty = healthy.
  std::vector<std::string> problems;
  /// The database could be opened (false: the problems explain why not).
  bool opened = false;
};

/// Checks the database file at `path` without changing it (opened read-only).
///
/// First every page's checksum and page id are verified straight from the file, skipping the
/// pages the header's free list lists (their contents mean nothing), so that damage is reported
/// even when it prevents opening the database. Then the database is opened and
/// StorageManager::CheckIntegrity verifies ownership (every page exactly once), the heaps, the
/// catalog and chunk records and each chunk's statistics against its decoded values.
FileCheckResult CheckDatabaseFile(const std::string& path);

}  // namespace fluxdb
