// The codecs the registry lists (each defined in its own .cc file) and what they share.
#pragma once

#include <string_view>
#include <type_traits>

#include "common/status.h"
#include "storage/compression/codec.h"

namespace fluxdb::compression {

extern const Codec kPlainCodec;
extern const Codec kConstantCodec;
extern const Codec kRleCodec;
extern const Codec kDictionaryCodec;
extern const Codec kBitpackCodec;
extern const Codec kZstdCodec;
extern const Codec kDeltaCodec;

/// PLAIN's layout, for codecs that transform it (ZSTD compresses PLAIN's string layout).
std::optional<idx_t> EstimatePlain(const ChunkValues& values);
void EncodePlain(const ChunkValues& values, std::string* out);
/// A decoder over PLAIN string bytes; the bytes must outlive it (or be set as its owner).
StatusOr<std::unique_ptr<ChunkDecoder>> OpenPlainStrings(const uint8_t* data, idx_t size,
                                                         idx_t count);

/// Codecs store BOOLEAN (a C++ bool in vectors) as one byte 0/1; they read and write it as a byte
/// so that a NULL slot holding any other bit pattern is never loaded as a bool.
template <typename T>
using StorageOf = std::conditional_t<std::is_same_v<T, bool>, uint8_t, T>;

inline bool HasNulls(const ChunkValues& values) {
  return values.validity != nullptr && !values.validity->AllValid();
}
inline bool IsValidRow(const ChunkValues& values, idx_t row) {
  return values.validity == nullptr || values.validity->IsValid(row);
}

/// The error for bytes that do not form a valid chunk of the encoding.
inline Status MalformedChunk(Encoding encoding, std::string_view what) {
  return CorruptionError("malformed ", EncodingName(encoding), " column chunk: ", what);
}

}  // namespace fluxdb::compression
