// fluxdb-demo-gen: writes a realistic, deterministic analytics database to play with.
//
//   fluxdb-demo-gen [--force] [--scale X] FILE
//
// Tables: customers (50k), products (5k), orders (500k), order_items (~1.6M) and the view
// order_totals. --scale multiplies the row counts (customers, orders and items; products stay).
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "main/connection.h"
#include "main/database.h"
#include "tools/demo/demo_sql.h"

namespace {

constexpr char kUsage[] =
    "Usage: fluxdb-demo-gen [--force] [--scale X] FILE\n"
    "Writes the FluxDB demo database (customers, products, orders, order_items) to FILE.\n"
    "  --force     replace FILE if it exists\n"
    "  --scale X   multiply the number of customers, orders and order items by X (default 1)\n"
    "  --sql       print the SQL script instead of running it (FILE is not needed)\n";

bool Exists(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int Run(int argc, char** argv) {
  std::string path;
  bool force = false;
  bool print_sql = false;
  double scale = 1;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    if (arg == "--force" || arg == "-f") {
      force = true;
    } else if (arg == "--scale" && i + 1 < argc) {
      scale = std::atof(argv[++i]);
      if (scale <= 0 || scale > 100) {
        std::cerr << "--scale must be between 0 and 100\n";
        return 1;
      }
    } else if (arg == "--sql") {
      print_sql = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (!arg.empty() && arg[0] != '-' && path.empty()) {
      path = arg;
    } else {
      std::cerr << kUsage;
      return 1;
    }
  }
  fluxdb::demo::DemoSizes sizes;
  sizes.customers = static_cast<int>(sizes.customers * scale);
  sizes.orders = static_cast<int>(sizes.orders * scale);
  if (sizes.customers < 100 || sizes.orders < 100) {
    std::cerr << "--scale is too small\n";
    return 1;
  }
  if (print_sql) {
    for (const auto& step : fluxdb::demo::DemoSteps(sizes)) {
      for (const std::string& sql : step.statements) std::cout << sql << ";\n";
    }
    return 0;
  }
  if (path.empty()) {
    std::cerr << kUsage;
    return 1;
  }
  if (Exists(path)) {
    if (!force) {
      std::cerr << path << " exists; use --force to replace it\n";
      return 1;
    }
    std::remove(path.c_str());
  }
  std::remove((path + ".wal").c_str());

  auto start = std::chrono::steady_clock::now();
  auto database = fluxdb::Database::Open(path);
  if (!database.ok()) {
    std::cerr << "Error: " << database.status().message() << "\n";
    return 1;
  }
  {
    fluxdb::Connection connection(**database);
    for (const auto& step : fluxdb::demo::DemoSteps(sizes)) {
      auto step_start = std::chrono::steady_clock::now();
      for (const std::string& sql : step.statements) {
        auto result = connection.Query(sql);
        if (!result.ok()) {
          std::cerr << "Error: " << result.status().message() << "\nin: " << sql.substr(0, 2000)
                    << "\n";
          return 1;
        }
      }
      if (step.table.empty()) continue;
      auto count = connection.Query("SELECT count(*) FROM " + step.table);
      long long rows = count.ok() ? (*count)->GetValue(0, 0).GetInt64() : -1;
      std::printf("  %-12s %9lld rows  %5.2fs\n", step.label.c_str(), rows, Seconds(step_start));
    }
  }
  database->reset();  // closing checkpoints
  std::printf("Wrote %s in %.1fs. Try: fluxdb %s\n", path.c_str(), Seconds(start), path.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return Run(argc, argv); }
