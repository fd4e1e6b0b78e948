// The SQL that builds the demo database. Every value is a pure function of a row number (mixed
// by an integer hash written in SQL), so the database is the same on every run and machine.
#pragma once

#include <string>
#include <vector>

namespace fluxdb::demo {

struct DemoSizes {
  int customers = 50'000;
  int products = 5'000;
  int orders = 500'000;
};

struct DemoStep {
  std::string label;  // shown while generating ("" for helper steps)
  std::string table;  // the table whose rows are counted afterwards ("" for none)
  std::vector<std::string> statements;
};

/// The steps, in order: helper tables, the demo tables, a view, then dropping the helpers.
std::vector<DemoStep> DemoSteps(const DemoSizes& sizes);

/// A SQL expression: a pseudo-random integer in [0, 2^31 - 1) from integer expression `x`,
/// different for every `salt`.
std::string HashSql(const std::string& x, int salt);

}  // namespace fluxdb::demo
