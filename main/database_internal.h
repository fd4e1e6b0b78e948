// Internal accessors of Database for the main layer (not part of the public C++ API).
#pragma once

#include "execution/pipeline/task_scheduler.h"
#include "main/database.h"

namespace fluxdb {

class DatabaseInternal {
 public:
  static TaskScheduler& Scheduler(Database& database);
};

}  // namespace fluxdb
