// md5(text) as 32 lower-case hex digits (RFC 1321). (md5_number is left out: its UHUGEINT result
// has no FluxDB type.)
#include <cstring>
#include <string>

#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

class Md5 {
 public:
  void Digest(std::string_view data, uint8_t out[16]) {
    a_ = 0x67452301;
    b_ = 0xefcdab89;
    c_ = 0x98badcfe;
    d_ = 0x10325476;
    const auto* p = reinterpret_cast<const uint8_t*>(data.data());
    size_t n = data.size();
    size_t full = n / 64;
    for (size_t i = 0; i < full; i++) Block(p + i * 64);
    uint8_t tail[128] = {};
    size_t rest = n % 64;
    std::memcpy(tail, p + full * 64, rest);
    tail[rest] = 0x80;
    size_t tail_size = rest < 56 ? 64 : 128;
    uint64_t bits = static_cast<uint64_t>(n) * 8;
    for (int i = 0; i < 8; i++) tail[tail_size - 8 + i] = static_cast<uint8_t>(bits >> (8 * i));
    Block(tail);
    if (tail_size == 128) Block(tail + 64);
    uint32_t words[4] = {a_, b_, c_, d_};
    for (int w = 0; w < 4; w++) {
      for (int i = 0; i < 4; i++) out[w * 4 + i] = static_cast<uint8_t>(words[w] >> (8 * i));
    }
  }

 private:
  static uint32_t Rotate(uint32_t x, int c) { return (x << c) | (x >> (32 - c)); }

  void Block(const uint8_t* block) {
    static constexpr uint32_t kK[64] = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391};
    static constexpr int kShift[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                       5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                       4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                       6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
    uint32_t m[16];
    for (int i = 0; i < 16; i++) {
      m[i] = static_cast<uint32_t>(block[i * 4]) | (static_cast<uint32_t>(block[i * 4 + 1]) << 8) |
             (static_cast<uint32_t>(block[i * 4 + 2]) << 16) |
             (static_cast<uint32_t>(block[i * 4 + 3]) << 24);
    }
    uint32_t a = a_, b = b_, c = c_, d = d_;
    for (int i = 0; i < 64; i++) {
      uint32_t f;
      int g;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      uint32_t next = d;
      d = c;
      c = b;
      b = b + Rotate(a + f + kK[i] + m[g], kShift[i]);
      a = next;
    }
    a_ += a;
    b_ += b;
    c_ += c;
    d_ += d;
  }

  uint32_t a_ = 0, b_ = 0, c_ = 0, d_ = 0;
};

Status Md5Text(const DataChunk& args, ExpressionState&, Vector& result) {
  static constexpr char kHex[] = "0123456789abcdef";
  Md5 md5;
  UnaryExecuteValid<StringRef, StringRef>(args.column(0), result, args.size(),
                                          [&](const StringRef& s) {
                                            uint8_t digest[16];
                                            md5.Digest(s.view(), digest);
                                            char text[32];
                                            for (int i = 0; i < 16; i++) {
                                              text[2 * i] = kHex[digest[i] >> 4];
                                              text[2 * i + 1] = kHex[digest[i] & 15];
                                            }
                                            return result.AddString(std::string_view(text, 32));
                                          });
  return Status();
}

}  // namespace

void RegisterMd5Functions(FunctionRegistry& registry) {
  registry.AddScalar(
      ScalarFunction{"md5", {LogicalType::Varchar()}, LogicalType::Varchar(), Md5Text});
  registry.AddScalar(ScalarFunction{"md5", {LogicalType::Blob()}, LogicalType::Varchar(), Md5Text});
}

}  // namespace fluxdb
