#include "main/database.h"

#include <thread>
#include <unistd.h>

#include "catalog/catalog.h"
#include "main/database_internal.h"
#include "main/database_settings.h"
#include "storage/storage_manager.h"

namespace fluxdb {

namespace {
uint64_t PhysicalMemory() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 8ull << 30;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size);
}
}  // namespace

Database::Database() = default;

Database::~Database() {
  // The catalog refers to storage's tables: drop it first; storage checkpoints on close.
  catalog_.reset();
  storage_.reset();
  scheduler_.reset();
}

TaskScheduler& DatabaseInternal::Scheduler(Database& database) { return *database.scheduler_; }

StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                   const DatabaseOptions& options) {
  std::unique_ptr<Database> database(new Database());
  database->path_ = path;
  StorageOptions storage_options;
  storage_options.page_size = options.page_size;
  uint64_t memory_limit = options.memory_limit;
  if (memory_limit == 0) memory_limit = PhysicalMemory() / 10 * 8;
  // The buffer cache gets half of the memory limit; operators use the rest.
  storage_options.memory_limit = memory_limit / 2;
  storage_options.read_only = options.read_only;
  FLUX_ASSIGN_OR_RETURN(database->storage_, StorageManager::Open(path, storage_options));
  database->catalog_ = std::make_unique<Catalog>(*database->storage_);
  FLUX_RETURN_IF_ERROR(database->catalog_->Load());
  database->settings_ = std::make_unique<DatabaseSettings>();
  ExecutionSettings settings;
  settings.threads = options.threads != 0 ? options.threads
                                          : std::max(1u, std::thread::hardware_concurrency());
  settings.memory_limit = memory_limit;
  database->settings_->Set(settings);
  database->scheduler_ = std::make_unique<TaskScheduler>();
  return database;
}

}  // namespace fluxdb
