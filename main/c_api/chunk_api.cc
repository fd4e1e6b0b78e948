// C API: chunked, zero-copy access to results (data chunks, vectors, validity, strings).
#include <cstring>

#include "main/c_api/c_api_internal.h"

using namespace fluxdb;        // NOLINT
using namespace fluxdb::capi;  // NOLINT

static_assert(sizeof(fluxdb_string_t) == sizeof(StringRef), "fluxdb_string_t mirrors StringRef");
static_assert(sizeof(fluxdb_hugeint) == sizeof(int128_t), "fluxdb_hugeint mirrors int128");
static_assert(sizeof(fluxdb_interval) == sizeof(Interval), "fluxdb_interval mirrors Interval");

namespace {

ChunkData* UnwrapChunk(fluxdb_data_chunk chunk) { return reinterpret_cast<ChunkData*>(chunk); }
VectorData* UnwrapVector(fluxdb_vector vector) { return reinterpret_cast<VectorData*>(vector); }

}  // namespace

extern "C" {

uint64_t fluxdb_result_chunk_count(fluxdb_result* result) {
  ResultData* data = Unwrap(result);
  return data == nullptr ? 0 : data->chunks.size();
}

fluxdb_data_chunk fluxdb_result_get_chunk(fluxdb_result* result, uint64_t chunk_index) {
  return Guard(static_cast<fluxdb_data_chunk>(nullptr), [&]() -> fluxdb_data_chunk {
    ResultData* data = Unwrap(result);
    if (data == nullptr || chunk_index >= data->chunks.size()) return nullptr;
    auto& handle = data->chunk_handles[chunk_index];
    if (handle == nullptr) {
      auto chunk = std::make_unique<ChunkData>();
      chunk->result = data;
      chunk->index = chunk_index;
      idx_t columns = data->chunks[chunk_index].ColumnCount();
      chunk->vectors.resize(columns);
      for (idx_t c = 0; c < columns; c++) chunk->vectors[c] = VectorData{data, chunk_index, c};
      handle = std::move(chunk);
    }
    return reinterpret_cast<fluxdb_data_chunk>(handle.get());
  });
}

void fluxdb_destroy_data_chunk(fluxdb_data_chunk* chunk) {
  if (chunk != nullptr) *chunk = nullptr;
}

uint64_t fluxdb_data_chunk_get_size(fluxdb_data_chunk chunk) {
  ChunkData* data = UnwrapChunk(chunk);
  return data == nullptr ? 0 : data->result->chunks[data->index].size();
}

uint64_t fluxdb_data_chunk_get_column_count(fluxdb_data_chunk chunk) {
  ChunkData* data = UnwrapChunk(chunk);
  return data == nullptr ? 0 : data->vectors.size();
}

fluxdb_vector fluxdb_data_chunk_get_vector(fluxdb_data_chunk chunk, uint64_t col) {
  return Guard(static_cast<fluxdb_vector>(nullptr), [&]() -> fluxdb_vector {
    ChunkData* data = UnwrapChunk(chunk);
    if (data == nullptr || col >= data->vectors.size()) return nullptr;
    data->result->FlatColumn(data->index, col);
    return reinterpret_cast<fluxdb_vector>(&data->vectors[col]);
  });
}

fluxdb_type fluxdb_vector_get_column_type(fluxdb_vector vector) {
  VectorData* data = UnwrapVector(vector);
  if (data == nullptr) return FLUXDB_TYPE_INVALID;
  return ToCType(data->result->chunks[data->chunk].column(data->column).type());
}

void* fluxdb_vector_get_data(fluxdb_vector vector) {
  return Guard(static_cast<void*>(nullptr), [&]() -> void* {
    VectorData* data = UnwrapVector(vector);
    if (data == nullptr) return nullptr;
    return data->result->FlatColumn(data->chunk, data->column).raw_data();
  });
}

uint64_t* fluxdb_vector_get_validity(fluxdb_vector vector) {
  return Guard(static_cast<uint64_t*>(nullptr), [&]() -> uint64_t* {
    VectorData* data = UnwrapVector(vector);
    if (data == nullptr) return nullptr;
    Vector& vector = data->result->FlatColumn(data->chunk, data->column);
    ValidityMask& validity = vector.validity();
    // A mask whose rows are all valid is reported as none, as the header promises.
    if (validity.AllValid() ||
        validity.CountInvalid(data->result->chunks[data->chunk].size()) == 0) {
      return nullptr;
    }
    return validity.data();
  });
}

bool fluxdb_validity_row_is_valid(uint64_t* validity, uint64_t row) {
  if (validity == nullptr) return true;
  return (validity[row / 64] >> (row % 64)) & 1ULL;
}

uint32_t fluxdb_string_length(fluxdb_string_t string) { return string.value.inlined.length; }

const char* fluxdb_string_data(const fluxdb_string_t* string) {
  if (string == nullptr) return nullptr;
  if (string->value.inlined.length <= StringRef::kInlineLength)
    return string->value.inlined.inlined;
  return string->value.pointer.ptr;
}

bool fluxdb_string_is_inlined(fluxdb_string_t string) {
  return string.value.inlined.length <= StringRef::kInlineLength;
}

}  // extern "C"
