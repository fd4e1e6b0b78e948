#include "storage/column_chunk.h"

#include <cstring>

#include "storage/byte_order.h"

namespace fluxdb {

ColumnChunk::~ColumnChunk() {
  if (obsolete_.load() && allocator_ != nullptr) allocator_->Free(metadata_.pages);
}

void ChunkReader::Close() {
  decoder_.reset();
  page_.Release();
  validity_ = nullptr;
}

namespace {

Status CheckDataPage(const ChunkMetadata& m, const PageHandle& page, uint32_t sequence,
                     uint32_t expected_used) {
  PageHeader h = ReadPageHeader(page.data());
  if (h.kind != PageKind::kData || h.chunk_id != m.chunk_id || h.sequence != sequence ||
      h.table_id != m.table_id || h.column_index != m.column_index ||
      h.used_bytes != expected_used) {
    return CorruptionError("data page ", page.page_id(), " does not belong to chunk ", m.chunk_id,
                           " (table ", m.table_id, ", column ", m.column_index, ", page ", sequence,
                           " of the chunk): it holds kind ", PageKindName(h.kind), ", chunk ",
                           h.chunk_id, ", page ", h.sequence);
  }
  return absl::OkStatus();
}

}  // namespace

Status ChunkReader::Open(const ColumnChunk& chunk, BufferCache& cache, ScanStatistics* stats) {
  Close();
  const ChunkMetadata& m = chunk.metadata();
  uint32_t payload = PagePayloadSize(cache.page_size());
  uint64_t total = m.total_bytes();
  uint64_t pages = m.page_count();
  if (total == 0 || pages != (total + payload - 1) / payload) {
    return CorruptionError("chunk ", m.chunk_id, " metadata is inconsistent: ", total, " bytes on ",
                           pages, " pages");
  }
  const uint8_t* bytes;
  uint32_t sequence = 0;
  for (const PageRun& run : m.pages) {
    for (uint64_t p = run.first; p < run.first + run.count; p++, sequence++) {
      FLUX_ASSIGN_OR_RETURN(PageHandle page, cache.Pin(p));
      if (stats != nullptr) (page.from_disk() ? stats->pages_read : stats->pages_cached)++;
      uint64_t offset = uint64_t{sequence} * payload;
      auto used = static_cast<uint32_t>(std::min<uint64_t>(payload, total - offset));
      FLUX_RETURN_IF_ERROR(CheckDataPage(m, page, sequence, used));
      if (pages == 1) {
        page_ = std::move(page);
      } else {
        if (sequence == 0) buffer_.resize(total);
        std::memcpy(buffer_.data() + offset, page.payload(), used);
      }
    }
  }
  bytes = pages == 1 ? page_.payload() : reinterpret_cast<const uint8_t*>(buffer_.data());
  if (stats != nullptr) {
    stats->bytes_read += total;
    stats->chunks_scanned++;
  }
  uint64_t words = (m.row_count + 63) / 64;
  if (m.validity_bytes != 0 && m.validity_bytes != words * 8) {
    return CorruptionError("chunk ", m.chunk_id, " has a validity bitmap of the wrong size");
  }
  validity_ = m.validity_bytes == 0 ? nullptr : bytes;
  row_count_ = m.row_count;
  auto decoder =
      compression::OpenChunk(chunk.type(), bytes + m.validity_bytes, m.encoded_bytes, m.row_count);
  if (!decoder.ok()) {
    Close();
    return CorruptionError("chunk ", m.chunk_id, " (table ", m.table_id, ", column ",
                           m.column_index, "): ", decoder.status().message());
  }
  decoder_ = std::move(*decoder);
  return absl::OkStatus();
}

bool ChunkReader::HasNulls(idx_t offset, idx_t count) const {
  if (validity_ == nullptr) return false;
  for (idx_t r = offset; r < offset + count;) {
    uint64_t word = LoadLE<uint64_t>(validity_ + (r / 64) * 8);
    idx_t bit = r % 64;
    idx_t n = std::min<idx_t>(64 - bit, offset + count - r);
    uint64_t mask = (n == 64 ? ~0ULL : ((1ULL << n) - 1)) << bit;
    if ((word & mask) != mask) return true;
    r += n;
  }
  return false;
}

void ChunkReader::Read(idx_t offset, idx_t count, Vector& out) {
  out.ResetToFlat();
  decoder_->Decode(offset, count, out);
  if (!HasNulls(offset, count)) return;
  if (out.encoding() != VectorEncoding::kFlat) out.Flatten(count);
  ValidityMask& mask = out.validity();
  mask.EnsureWritable();
  if (offset % 64 == 0) {
    std::memcpy(mask.data(), validity_ + (offset / 64) * 8, ((count + 63) / 64) * 8);
    return;
  }
  for (idx_t i = 0; i < count; i++) {
    idx_t r = offset + i;
    bool valid = (LoadLE<uint64_t>(validity_ + (r / 64) * 8) >> (r % 64)) & 1;
    mask.Set(i, valid);
  }
}

}  // namespace fluxdb
