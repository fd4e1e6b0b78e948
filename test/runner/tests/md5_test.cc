#include "test/runner/md5.h"

#include <string>

#include "gtest/gtest.h"
#include "test/runner/result_check.h"

namespace fluxdb::slt {
namespace {

TEST(Md5Test, KnownDigests) {
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Md5Hex("The quick brown fox jumps over the lazy dog"),
            "9e107d9d372bb6826bd81d3542a419d6");
  EXPECT_EQ(Md5Hex(std::string(1000, 'a')), "cabe45dcc9ae5b66ba86600cca6b8ba8");
}

TEST(Md5Test, PaddingBoundaries) {
  // 55 bytes pad within one block, 56 need a second one, 64 fill a block exactly.
  EXPECT_EQ(Md5Hex(std::string(55, 'x')), "04364420e25c512fd958a70738aa8f72");
  EXPECT_EQ(Md5Hex(std::string(56, 'x')), "668a72d5ba17f08e62dabcafad6db14b");
  EXPECT_EQ(Md5Hex(std::string(64, 'x')), "c1bb4f81d892b2d57947682aeb252456");
}

TEST(Md5Test, StreamingEqualsOneShot) {
  std::string data;
  for (int i = 0; i < 1000; i++) data += static_cast<char>('a' + i % 26);
  for (size_t step : {1, 3, 63, 64, 65, 200}) {
    Md5 md5;
    for (size_t pos = 0; pos < data.size(); pos += step) md5.Add(data.substr(pos, step));
    EXPECT_EQ(md5.FinishHex(), Md5Hex(data)) << "step " << step;
  }
}

TEST(Md5Test, HashValuesMatchesTheReferenceForm) {
  // printf '1\n2\n' | md5sum
  EXPECT_EQ(HashValues({"1", "2"}), "2 values hashing to 6ddb4095eb719e2a9f0a3f95677d24e0");
  EXPECT_EQ(HashValues({"a", "b", "c"}), "3 values hashing to 40c53c58fdafacc83cfff6ee3d2f6d69");
}

}  // namespace
}  // namespace fluxdb::slt
