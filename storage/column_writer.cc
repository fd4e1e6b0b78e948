#include "storage/column_writer.h"

#include <cstring>

#include "storage/chunk_statistics.h"
#include "storage/data_table.h"
#include "storage/distinct_estimator.h"

namespace fluxdb {

namespace {

// The rows of a transient column as one contiguous array (strings as StringRefs into the
// segments' heaps, which outlive the call) and one validity mask.
struct GatheredValues {
  std::unique_ptr<uint8_t[]> data;
  ValidityMask validity;
  idx_t nulls = 0;
};

GatheredValues Gather(const TransientColumn& column, idx_t row_count) {
  GatheredValues g;
  idx_t width = column.type().physical_size();
  g.data = std::make_unique_for_overwrite<uint8_t[]>(row_count * width + 1);
  g.validity = ValidityMask(row_count);
  for (idx_t s = 0; s * kVectorSize < row_count; s++) {
    idx_t first = s * kVectorSize;
    idx_t n = std::min(row_count - first, kVectorSize);
    const Vector* seg = column.segment(s);
    FLUX_CHECK(seg != nullptr);
    std::memcpy(g.data.get() + first * width, seg->raw_data(), n * width);
    if (column.segment_nulls(s) == 0) continue;
    g.validity.EnsureWritable();
    // Segments are whole multiples of 64 rows, so their words copy over directly.
    std::memcpy(g.validity.data() + first / 64, seg->validity().data(), ((n + 63) / 64) * 8);
  }
  if (!g.validity.AllValid()) {
    // Bits past the last row are zero on disk.
    idx_t rest = row_count % 64;
    if (rest != 0) g.validity.data()[row_count / 64] &= (1ULL << rest) - 1;
    g.nulls = g.validity.CountInvalid(row_count);
  }
  return g;
}

}  // namespace

StatusOr<ChunkMetadata> WriteColumnChunk(const ChunkTarget& target, const TransientColumn& column,
                                         idx_t row_count) {
  FLUX_CHECK(row_count > 0);
  LogicalType type = column.type();
  GatheredValues g = Gather(column, row_count);

  ChunkMetadata m;
  m.table_id = target.table_id;
  m.column_index = target.column_index;
  m.row_group_index = target.row_group_index;
  m.row_start = target.row_group_index * kRowGroupSize;
  m.row_count = row_count;
  m.chunk_id = target.chunk_id;

  ChunkStatistics stats(type);
  stats.Update(g.data.get(), &g.validity, 0, row_count);
  m.min = stats.Min();
  m.max = stats.Max();
  m.null_count = stats.null_count();
  DistinctEstimator distinct;
  distinct.Add(type, g.data.get(), g.validity, row_count);
  m.distinct_estimate = std::min<uint64_t>(distinct.Estimate(), row_count - m.null_count);
  if (m.distinct_estimate == 0 && stats.has_values()) m.distinct_estimate = 1;
  m.uncompressed_bytes = row_count * type.physical_size();
  if (type.physical() == PhysicalType::kString) {
    const auto* strings = reinterpret_cast<const StringRef*>(g.data.get());
    for (idx_t i = 0; i < row_count; i++) {
      if (g.validity.IsValid(i)) m.uncompressed_bytes += strings[i].size();
    }
  }

  compression::ChunkValues values;
  values.type = type;
  values.data = g.data.get();
  values.validity = &g.validity;
  values.count = row_count;
  m.encoding = compression::ChooseEncoding(values, target.forced_encoding);

  std::string bytes;
  if (g.nulls > 0) {
    m.validity_bytes = ((row_count + 63) / 64) * 8;
    bytes.assign(reinterpret_cast<const char*>(g.validity.data()), m.validity_bytes);
  }
  compression::EncodeChunk(m.encoding, values, &bytes);
  m.encoded_bytes = bytes.size() - m.validity_bytes;

  uint32_t payload = PagePayloadSize(target.cache->page_size());
  uint64_t page_count = (bytes.size() + payload - 1) / payload;
  m.pages = target.allocator->Allocate(page_count);
  uint32_t sequence = 0;
  for (const PageRun& run : m.pages) {
    for (uint64_t p = run.first; p < run.first + run.count; p++, sequence++) {
      StatusOr<PageHandle> frame = target.cache->NewPage(p);
      if (!frame.ok()) {
        // Making room failed (writing an evicted page back). The pages go back to the allocator:
        // kept, they would belong to nothing, some never written (leaked and unreadable).
        target.allocator->Free(m.pages);
        return frame.status();
      }
      PageHandle page = std::move(*frame);
      uint64_t offset = uint64_t{sequence} * payload;
      auto used = static_cast<uint32_t>(std::min<uint64_t>(payload, bytes.size() - offset));
      PageHeader h;
      h.kind = PageKind::kData;
      h.page_id = p;
      h.used_bytes = used;
      h.table_id = m.table_id;
      h.column_index = m.column_index;
      h.sequence = sequence;
      h.chunk_id = m.chunk_id;
      WritePageHeader(page.data(), h);
      std::memcpy(page.payload(), bytes.data() + offset, used);
    }
  }
  return m;
}

}  // namespace fluxdb
