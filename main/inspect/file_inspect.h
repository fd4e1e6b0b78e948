// What `fluxdb inspect` reports about a database file.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "storage/file_header.h"
#include "storage/storage_manager.h"

namespace fluxdb {

struct ColumnSummary {
  std::string name;
  std::string type;
  uint64_t chunks = 0;
  uint64_t pages = 0;
  uint64_t compressed_bytes = 0;
  uint64_t uncompressed_bytes = 0;
  std::map<std::string, uint64_t> encodings;  // encoding -> chunks
  uint64_t null_count = 0;
  std::string min, max;
};

struct TableSummary {
  std::string schema;
  std::string name;
  uint32_t table_id = 0;
  uint64_t rows = 0;
  uint64_t row_groups = 0;
  uint64_t chunks = 0;            // on disk
  uint64_t transient_chunks = 0;  // only in memory (rows replayed from the WAL)
  std::vector<ColumnSummary> columns;
};

struct FileSummary {
  std::string path;
  uint64_t file_bytes = 0;
  uint64_t wal_bytes = 0;
  DatabaseHeader header;  // the current header slot
  std::vector<PageInfo> pages;
  std::vector<HeapInfo> heaps;
  std::vector<TableSummary> tables;
  uint64_t views = 0;
  uint64_t indexes = 0;
  /// Column names by table id, for the page map.
  std::map<uint32_t, std::vector<std::string>> column_names;
};

/// Opens the database at `path` read-only and gathers the summary.
StatusOr<FileSummary> SummarizeDatabaseFile(const std::string& path);
/// The readable report: header fields, pages by kind, heaps, tables with their columns.
std::string RenderFileSummary(const FileSummary& summary);

}  // namespace fluxdb
