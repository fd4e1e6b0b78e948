// sha1(text) and sha256(text) as lower-case hex digests (FIPS 180-4).
#include <cstring>
#include <string>

#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

inline uint32_t RotateRight(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
inline uint32_t RotateLeft(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

// Pads `data` into 64-byte blocks (big-endian bit length) and feeds them to `block`.
template <typename BlockFn>
void ForEachBlock(std::string_view data, BlockFn&& block) {
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  size_t n = data.size();
  size_t full = n / 64;
  for (size_t i = 0; i < full; i++) block(p + i * 64);
  uint8_t tail[128] = {};
  size_t rest = n % 64;
  std::memcpy(tail, p + full * 64, rest);
  tail[rest] = 0x80;
  size_t tail_size = rest < 56 ? 64 : 128;
  uint64_t bits = static_cast<uint64_t>(n) * 8;
  for (int i = 0; i < 8; i++) tail[tail_size - 1 - i] = static_cast<uint8_t>(bits >> (8 * i));
  block(tail);
  if (tail_size == 128) block(tail + 64);
}

uint32_t BigEndian(const uint8_t* p) {
  return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
         (static_cast<uint32_t>(p[2]) << 8) | p[3];
}

void Sha256(std::string_view data, uint8_t out[32]) {
  static constexpr uint32_t kK[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  ForEachBlock(data, [&](const uint8_t* block) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) w[i] = BigEndian(block + 4 * i);
    for (int i = 16; i < 64; i++) {
      uint32_t s0 = RotateRight(w[i - 15], 7) ^ RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = RotateRight(w[i - 2], 17) ^ RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
      uint32_t s1 = RotateRight(e, 6) ^ RotateRight(e, 11) ^ RotateRight(e, 25);
      uint32_t ch = (e & f) ^ (~e & g);
      uint32_t t1 = hh + s1 + ch + kK[i] + w[i];
      uint32_t s0 = RotateRight(a, 2) ^ RotateRight(a, 13) ^ RotateRight(a, 22);
      uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
      uint32_t t2 = s0 + maj;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  });
  for (int i = 0; i < 8; i++) {
    for (int k = 0; k < 4; k++) out[4 * i + k] = static_cast<uint8_t>(h[i] >> (24 - 8 * k));
  }
}

void Sha1(std::string_view data, uint8_t out[20]) {
  uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  ForEachBlock(data, [&](const uint8_t* block) {
    uint32_t w[80];
    for (int i = 0; i < 16; i++) w[i] = BigEndian(block + 4 * i);
    for (int i = 16; i < 80; i++) w[i] = RotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; i++) {
      uint32_t f, k;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5A827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ED9EBA1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8F1BBCDC;
      } else {
        f = b ^ c ^ d;
        k = 0xCA62C1D6;
      }
      uint32_t t = RotateLeft(a, 5) + f + e + k + w[i];
      e = d;
      d = c;
      c = RotateLeft(b, 30);
      b = a;
      a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  });
  for (int i = 0; i < 5; i++) {
    for (int k = 0; k < 4; k++) out[4 * i + k] = static_cast<uint8_t>(h[i] >> (24 - 8 * k));
  }
}

template <int kBytes, void (*kDigest)(std::string_view, uint8_t*)>
Status DigestBody(const DataChunk& args, ExpressionState&, Vector& result) {
  static constexpr char kHex[] = "0123456789abcdef";
  UnaryExecuteValid<StringRef, StringRef>(
      args.column(0), result, args.size(), [&](const StringRef& s) {
        uint8_t digest[kBytes];
        kDigest(s.view(), digest);
        char text[2 * kBytes];
        for (int i = 0; i < kBytes; i++) {
          text[2 * i] = kHex[digest[i] >> 4];
          text[2 * i + 1] = kHex[digest[i] & 15];
        }
        return result.AddString(std::string_view(text, 2 * kBytes));
      });
  return Status();
}

}  // namespace

void RegisterShaFunctions(FunctionRegistry& registry) {
  for (LogicalType type : {LogicalType::Varchar(), LogicalType::Blob()}) {
    registry.AddScalar(
        ScalarFunction{"sha256", {type}, LogicalType::Varchar(), DigestBody<32, Sha256>});
    registry.AddScalar(
        ScalarFunction{"sha1", {type}, LogicalType::Varchar(), DigestBody<20, Sha1>});
  }
}

}  // namespace fluxdb
