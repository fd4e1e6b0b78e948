// Placeholder until the bitpack codec lands: declines every chunk.
#include "storage/compression/codecs.h"

namespace fluxdb::compression {
namespace {
std::optional<idx_t> Estimate(const ChunkValues&) { return std::nullopt; }
void Encode(const ChunkValues&, std::string*) { FLUX_CHECK(false); }
StatusOr<std::unique_ptr<ChunkDecoder>> Open(LogicalType, const uint8_t*, idx_t, idx_t) {
  return MalformedChunk(Encoding::kBitpack, "not implemented yet");
}
}  // namespace
const Codec kBitpackCodec = {Encoding::kBitpack, &Estimate, &Encode, &Open};
}  // namespace fluxdb::compression
