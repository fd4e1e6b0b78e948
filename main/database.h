// Database: one open database (file or in-memory), shared by its connections.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"

namespace fluxdb {

class StorageManager;
class Catalog;
class DatabaseSettings;
class TaskScheduler;

struct DatabaseOptions {
  bool read_only = false;
  /// Bytes for the buffer cache and operators; 0 = 80% of RAM (DuckDB's default).
  uint64_t memory_limit = 0;
  /// Worker threads; 0 = number of cores.
  uint32_t threads = 0;
  /// Page size of a newly created file.
  uint32_t page_size = 64 * 1024;
  /// Create the file if it does not exist.
  bool create_if_missing = true;
};

class Database {
 public:
  /// Opens (or creates) `path`; "" or ":memory:" is an in-memory database.
  static StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                  const DatabaseOptions& options = {});
  ~Database();

  const std::string& path() const { return path_; }
  StorageManager& storage() { return *storage_; }
  Catalog& catalog() { return *catalog_; }
  DatabaseSettings& settings() { return *settings_; }

 private:
  friend class DatabaseInternal;
  Database();
  std::string path_;
  std::unique_ptr<TaskScheduler> scheduler_;
  std::unique_ptr<StorageManager> storage_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<DatabaseSettings> settings_;
};

}  // namespace fluxdb
