// ZSTD (encoding id 5): strings whose values repeat words and phrases but not whole values (free
// text such as TPC-H's comment columns, which take two thirds of an SF 1 file stored PLAIN):
// PLAIN's string layout compressed with Zstandard. Dictionary encoding cannot shrink them (nearly
// every value is distinct); Zstandard finds the repeats inside and across values.
//
// Layout after the id byte (integers little endian; `count` comes from the column chunk):
//   uint32  plain_size  bytes of the PLAIN layout (offsets + byte area, see plain.cc)
//   bytes   one Zstandard frame whose content is exactly those plain_size bytes
// Decoding decompresses the whole chunk once, when it is opened, into a buffer that the decoded
// vectors keep alive; from then on it is a PLAIN decoder over that buffer. A chunk is only
// written ZSTD when it is at least kMinimumPlainBytes large (smaller ones gain too little to pay
// for the decompression) and compresses to less than PLAIN.
//
// The encoder uses compression level 1: on free text it is within ~6% of level 3's size at about
// twice the speed, and it runs twice per sealed chunk (the exact estimate and the encoding).
#include <zstd.h>

#include <cstring>
#include <memory>

#include "storage/compression/byte_stream.h"
#include "storage/compression/codecs.h"

namespace fluxdb::compression {

namespace {

constexpr int kCompressionLevel = 1;
constexpr idx_t kMinimumPlainBytes = 4096;

// One compression context per thread: sealing runs on worker threads, and a context holds
// ~1 MB of tables that should not be allocated per chunk.
ZSTD_CCtx* ThreadCompressionContext() {
  struct ContextDeleter {
    void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
  };
  thread_local std::unique_ptr<ZSTD_CCtx, ContextDeleter> context(ZSTD_createCCtx());
  FLUX_CHECK(context != nullptr);
  return context.get();
}

// The PLAIN layout of `values` compressed, or nullopt if ZSTD does not apply or does not pay.
std::optional<std::string> Compress(const ChunkValues& values) {
  if (values.type.physical() != PhysicalType::kString) return std::nullopt;
  std::optional<idx_t> plain_size = EstimatePlain(values);
  if (!plain_size || *plain_size < kMinimumPlainBytes) return std::nullopt;
  std::string plain;
  plain.reserve(*plain_size);
  EncodePlain(values, &plain);
  std::string compressed(ZSTD_compressBound(plain.size()), '\0');
  size_t size = ZSTD_compressCCtx(ThreadCompressionContext(), compressed.data(), compressed.size(),
                                  plain.data(), plain.size(), kCompressionLevel);
  if (ZSTD_isError(size) || size + sizeof(uint32_t) >= plain.size()) return std::nullopt;
  compressed.resize(size);
  return compressed;
}

std::optional<idx_t> Estimate(const ChunkValues& values) {
  std::optional<std::string> compressed = Compress(values);
  if (!compressed) return std::nullopt;
  return sizeof(uint32_t) + compressed->size();
}

void Encode(const ChunkValues& values, std::string* out) {
  std::optional<std::string> compressed = Compress(values);
  FLUX_CHECK(compressed.has_value());
  AppendValue(out, static_cast<uint32_t>(EstimatePlain(values).value()));
  AppendBytes(out, compressed->data(), compressed->size());
}

// A PLAIN decoder over the decompressed bytes, which it owns (and shares with the vectors it
// decodes, so their strings can point into them).
class ZstdStringDecoder final : public ChunkDecoder {
 public:
  ZstdStringDecoder(std::shared_ptr<const char[]> plain, std::unique_ptr<ChunkDecoder> inner)
      : plain_(std::move(plain)), inner_(std::move(inner)) {
    inner_->set_owner(plain_);
  }

  void Decode(idx_t offset, idx_t count, Vector& out) override {
    inner_->Decode(offset, count, out);
  }
  std::optional<idx_t> Filter(idx_t offset, idx_t count, const ColumnFilter& filter,
                              SelectionVector& sel) override {
    return inner_->Filter(offset, count, filter, sel);
  }

 private:
  std::shared_ptr<const char[]> plain_;
  std::unique_ptr<ChunkDecoder> inner_;
};

StatusOr<std::unique_ptr<ChunkDecoder>> Open(LogicalType type, const uint8_t* data, idx_t size,
                                             idx_t count) {
  if (type.physical() != PhysicalType::kString) {
    return MalformedChunk(Encoding::kZstd, Concat("not a string type: ", type.ToString()));
  }
  ByteReader reader(data, size);
  uint32_t plain_size;
  if (!reader.Read(&plain_size)) return MalformedChunk(Encoding::kZstd, "header is truncated");
  const uint8_t* frame = reader.position();
  const idx_t frame_size = reader.remaining();
  // The frame must say it holds exactly plain_size bytes before anything is allocated for them.
  unsigned long long content_size = ZSTD_getFrameContentSize(frame, frame_size);
  if (content_size == ZSTD_CONTENTSIZE_ERROR || content_size == ZSTD_CONTENTSIZE_UNKNOWN ||
      content_size != plain_size) {
    return MalformedChunk(Encoding::kZstd, "frame header does not match the chunk");
  }
  // Room for PLAIN's 12-byte reads past a string's start near the end of the bytes.
  auto plain = std::make_shared_for_overwrite<char[]>(plain_size + StringRef::kInlineLength);
  std::memset(plain.get() + plain_size, 0, StringRef::kInlineLength);
  size_t decompressed = ZSTD_decompress(plain.get(), plain_size, frame, frame_size);
  if (ZSTD_isError(decompressed)) {
    return MalformedChunk(Encoding::kZstd, ZSTD_getErrorName(decompressed));
  }
  if (decompressed != plain_size) {
    return MalformedChunk(Encoding::kZstd, "frame holds fewer bytes than the header says");
  }
  FLUX_ASSIGN_OR_RETURN(
      std::unique_ptr<ChunkDecoder> inner,
      OpenPlainStrings(reinterpret_cast<const uint8_t*>(plain.get()), plain_size, count));
  return std::make_unique<ZstdStringDecoder>(std::move(plain), std::move(inner));
}

}  // namespace

const Codec kZstdCodec = {Encoding::kZstd, &Estimate, &Encode, &Open};

}  // namespace fluxdb::compression
