// The table of codecs, indexed by encoding id, and the choice of an encoding per chunk.
#include <array>
#include <cctype>

#include "storage/compression/codecs.h"

namespace fluxdb::compression {

namespace {

// Pointers rather than copies: the codecs live in other translation units, and taking their
// address is constant initialization, so the table is usable during static initialization too.
constexpr std::array<const Codec*, kEncodingCount> kCodecs = {
    &kPlainCodec,   &kConstantCodec, &kRleCodec,  &kDictionaryCodec,
    &kBitpackCodec, &kZstdCodec,     &kDeltaCodec};

constexpr std::array<const char*, kEncodingCount> kNames = {
    "plain", "constant", "rle", "dictionary", "bitpacking", "zstd", "delta"};

// Among encodings of equal size, the cheapest to decode wins.
constexpr std::array<Encoding, kEncodingCount> kDecodeCostOrder = {
    Encoding::kConstant, Encoding::kBitpack, Encoding::kRle, Encoding::kDictionary,
    Encoding::kDelta,    Encoding::kPlain,   Encoding::kZstd};

static_assert(kNames.back() != nullptr, "every encoding needs a name");

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

}  // namespace

const char* EncodingName(Encoding encoding) {
  auto index = static_cast<size_t>(encoding);
  return index < kNames.size() ? kNames[index] : "unknown";
}

std::optional<Encoding> EncodingFromName(std::string_view name) {
  for (int i = 0; i < kEncodingCount; i++) {
    if (EqualsIgnoreCase(name, kNames[i])) return static_cast<Encoding>(i);
  }
  if (EqualsIgnoreCase(name, "bitpack")) return Encoding::kBitpack;
  // DuckDB's name for its plain storage (PRAGMA force_compression='uncompressed').
  if (EqualsIgnoreCase(name, "uncompressed")) return Encoding::kPlain;
  return std::nullopt;
}

const Codec& GetCodec(Encoding encoding) {
  auto index = static_cast<size_t>(encoding);
  FLUX_CHECK(index < kCodecs.size());
  return *kCodecs[index];
}

Encoding ChooseEncoding(const ChunkValues& values, std::optional<Encoding> forced) {
  if (forced && GetCodec(*forced).estimate(values)) return *forced;
  Encoding best = Encoding::kPlain;
  std::optional<idx_t> best_size;
  for (Encoding encoding : kDecodeCostOrder) {
    std::optional<idx_t> size = GetCodec(encoding).estimate(values);
    if (size && (!best_size || *size < *best_size)) {
      best = encoding;
      best_size = size;
    }
  }
  return best;
}

void EncodeChunk(Encoding encoding, const ChunkValues& values, std::string* out) {
  out->push_back(static_cast<char>(encoding));
  GetCodec(encoding).encode(values, out);
}

StatusOr<std::unique_ptr<ChunkDecoder>> OpenChunk(LogicalType type, const uint8_t* data, idx_t size,
                                                  idx_t count) {
  if (size == 0) return CorruptionError("empty column chunk: the encoding id byte is missing");
  uint8_t id = data[0];
  if (id >= kEncodingCount)
    return CorruptionError("unknown column chunk encoding id ", static_cast<int>(id));
  return GetCodec(static_cast<Encoding>(id)).open(type, data + 1, size - 1, count);
}

StatusOr<std::unique_ptr<ChunkDecoder>> OpenChunk(LogicalType type, const uint8_t* data, idx_t size,
                                                  idx_t count, std::shared_ptr<const void> owner) {
  FLUX_ASSIGN_OR_RETURN(auto decoder, OpenChunk(type, data, size, count));
  decoder->set_owner(std::move(owner));
  return decoder;
}

}  // namespace fluxdb::compression
