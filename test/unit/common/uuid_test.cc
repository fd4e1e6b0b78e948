#include "common/uuid.h"

#include <gtest/gtest.h>

#include <string>

#include "common/value.h"

namespace fluxdb {
namespace {

int128_t Parse(std::string_view text) {
  int128_t v = 0;
  EXPECT_TRUE(TryParseUuid(text, &v)) << text;
  return v;
}

TEST(UuidTest, AcceptsDuckDbTextForms) {
  const std::string canonical = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
  for (std::string_view text :
       {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}",
        "a0eebc999c0b4ef8bb6d6bb9bd380a11", "-a0eebc99--9c0b4ef8bb6d6bb9bd380a11-"}) {
    EXPECT_EQ(UuidToString(Parse(text)), canonical) << text;
  }
}

TEST(UuidTest, RejectsMalformedText) {
  int128_t v;
  for (std::string_view text :
       {"", "{", "{}", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g", " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}) {
    EXPECT_FALSE(TryParseUuid(text, &v)) << text;
  }
}

TEST(UuidTest, StoredOrderIsTextOrder) {
  // Across the top-bit boundary: the flip keeps 7fff... below 8000... under signed comparison.
  EXPECT_LT(Parse("00000000-0000-0000-0000-000000000000"),
            Parse("7fffffff-ffff-ffff-ffff-ffffffffffff"));
  EXPECT_LT(Parse("7fffffff-ffff-ffff-ffff-ffffffffffff"),
            Parse("80000000-0000-0000-0000-000000000000"));
  EXPECT_LT(Parse("80000000-0000-0000-0000-000000000000"),
            Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"));
}

TEST(UuidTest, RandomUuidsAreVersion4) {
  std::string text = UuidToString(MakeRandomUuid(~0ULL, 0));
  EXPECT_EQ(text, "ffffffff-ffff-4fff-8000-000000000000");
  text = UuidToString(MakeRandomUuid(0, ~0ULL));
  EXPECT_EQ(text, "00000000-0000-4000-bfff-ffffffffffff");
}

TEST(UuidTest, ValueRendersCanonicalText) {
  Value v = Value::FromPhysical<int128_t>(LogicalType::Uuid(),
                                          Parse("{00112233445566778899AABBCCDDEEFF}"));
  EXPECT_EQ(v.ToString(), "00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(LogicalType::Uuid().ToString(), "UUID");
}

}  // namespace
}  // namespace fluxdb
