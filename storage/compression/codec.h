// Column chunk compression: one codec per encoding, chosen per chunk by size.
//
// When a column chunk is sealed, every codec estimates how many bytes it would need for the
// chunk's values (or declines); the smallest wins (a `force_compression` setting overrides). The
// encoded bytes start with the encoding id, so a reader never needs outside metadata to decode.
// Validity (NULLs) is stored by the column writer next to the values, not by the codecs; codecs
// see the validity mask only so they can ignore the unspecified values in NULL slots.
//
// The registry is a plain static table (codec_registry.cc): adding an encoding means one new file
// with a Codec definition and one line there.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "common/status.h"
#include "common/types.h"
#include "common/validity_mask.h"
#include "common/vector.h"
#include "storage/table_filter.h"

namespace fluxdb::compression {

enum class Encoding : uint8_t {
  kPlain = 0,
  kConstant = 1,
  kRle = 2,
  kDictionary = 3,
  kBitpack = 4,  // frame of reference + bit packing
  kZstd = 5,     // strings: PLAIN's layout compressed with Zstandard
  kDelta = 6,    // frame of reference + bit packing of the steps between consecutive values
};
inline constexpr int kEncodingCount = 7;
const char* EncodingName(Encoding encoding);
/// Parses "plain", "constant", "rle", "dictionary", "bitpacking"/"bitpack", "zstd", "delta" (any
/// case).
std::optional<Encoding> EncodingFromName(std::string_view name);

/// The values of one column chunk at sealing time.
struct ChunkValues {
  LogicalType type;
  const uint8_t* data = nullptr;           // `count` values of type.physical()
  const ValidityMask* validity = nullptr;  // NULL rows hold unspecified values
  idx_t count = 0;
};

/// Reads one encoded chunk. Created per chunk per scan; it may cache decoded state (a string
/// dictionary, a run cursor). The encoded bytes stay valid while the decoder lives.
class ChunkDecoder {
 public:
  virtual ~ChunkDecoder() = default;
  /// Writes the values of rows [offset, offset + count) into `out` (count <= kVectorSize) as a
  /// flat vector, or as a constant or dictionary vector where the encoding makes that free. The
  /// caller sets validity afterwards (flattening first if it needs to). `out` was ResetToFlat.
  virtual void Decode(idx_t offset, idx_t count, Vector& out) = 0;
  /// Evaluates `filter` (a comparison with a constant of the column's type) on rows
  /// [offset, offset + count) without decoding where the encoding allows (dictionary codes,
  /// frame-of-reference offsets, runs). Writes the passing row numbers (relative to `offset`) to
  /// `sel` and returns how many passed; returns nullopt when this codec cannot, so the caller
  /// decodes and filters instead. NULL rows are never passed (the caller excludes them via
  /// validity after this call as well).
  virtual std::optional<idx_t> Filter(idx_t offset, idx_t count, const ColumnFilter& filter,
                                      SelectionVector& sel) {
    return std::nullopt;
  }

  /// (Addition.) Shares ownership of the encoded bytes (e.g. a pinned page): decoded strings then
  /// point into those bytes, each output vector keeping `owner` alive, instead of being copied
  /// into every output vector. Without an owner, decoded vectors never refer to the encoded
  /// bytes, so they may outlive the decoder.
  void set_owner(std::shared_ptr<const void> owner) { owner_ = std::move(owner); }

 protected:
  std::shared_ptr<const void> owner_;
};

struct Codec {
  Encoding encoding;
  /// Bytes `encode` would produce for `values`, or nullopt if this codec cannot encode them.
  std::optional<idx_t> (*estimate)(const ChunkValues& values);
  /// Appends the encoding of `values` (without the leading encoding id byte) to `out`.
  void (*encode)(const ChunkValues& values, std::string* out);
  /// Opens a decoder over encoded bytes (without the id byte) of a chunk of `count` rows.
  /// Malformed bytes give a Corruption error, never a crash.
  StatusOr<std::unique_ptr<ChunkDecoder>> (*open)(LogicalType type, const uint8_t* data, idx_t size,
                                                  idx_t count);
};

/// The codec of an encoding.
const Codec& GetCodec(Encoding encoding);
/// The smallest applicable encoding for `values`; `forced` wins when it applies.
Encoding ChooseEncoding(const ChunkValues& values, std::optional<Encoding> forced = std::nullopt);
/// Encodes with `encoding`, prefixing the id byte.
void EncodeChunk(Encoding encoding, const ChunkValues& values, std::string* out);
/// Reads the id byte and opens the matching decoder.
StatusOr<std::unique_ptr<ChunkDecoder>> OpenChunk(LogicalType type, const uint8_t* data, idx_t size,
                                                  idx_t count);
/// (Addition.) OpenChunk for bytes owned by `owner`, which the decoder and the vectors it
/// decodes keep alive (see ChunkDecoder::set_owner): strings are then decoded without copying.
StatusOr<std::unique_ptr<ChunkDecoder>> OpenChunk(LogicalType type, const uint8_t* data, idx_t size,
                                                  idx_t count, std::shared_ptr<const void> owner);

}  // namespace fluxdb::compression
