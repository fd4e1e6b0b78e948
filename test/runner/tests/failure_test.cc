#include "test/runner/failure.h"

#include "gtest/gtest.h"
#include "test/runner/file_result.h"

namespace fluxdb::slt {
namespace {

TEST(FailureCategoryTest, EngineErrorsAreNormalized) {
  EXPECT_EQ(NormalizeErrorMessage("Binder Error: Referenced column \"x\" not found in FROM clause!"
                                  "\nLINE 1: SELECT x"),
            "Binder Error: Referenced column \"...\" not found in FROM clause!");
  EXPECT_EQ(NormalizeErrorMessage("Catalog Error: Scalar Function with name \"regexp\" does not "
                                  "exist! Did you mean \"regr\"?"),
            "Catalog Error: Scalar Function with name \"regexp\" does not exist!");
  EXPECT_EQ(NormalizeErrorMessage("Parser Error: syntax error at or near \"JOIN\""),
            "Parser Error: syntax error at or near \"JOIN\"");
  EXPECT_EQ(NormalizeErrorMessage("Conversion Error: Could not convert string 'abc' to INT32"),
            "Conversion Error: Could not convert string '...' to INT32");
  EXPECT_EQ(
      NormalizeErrorMessage("Out of Range Error: Overflow in multiplication of INT32 (6 * 9)!"),
      "Out of Range Error: Overflow in multiplication of INT32 (N * N)!");
  EXPECT_EQ(
      NormalizeErrorMessage("Conversion Error: Type DOUBLE with value -1.5e+38 can't be cast"),
      "Conversion Error: Type DOUBLE with value -Ne+N can't be cast");
  EXPECT_EQ(NormalizeErrorMessage("Catalog Error: Table with name t does not exist!"),
            "Catalog Error: Table with name ... does not exist!");
  EXPECT_EQ(NormalizeErrorMessage("Catalog Error: Table Function with name repeat does not exist!"),
            "Catalog Error: Table Function with name repeat does not exist!");
  EXPECT_EQ(NormalizeErrorMessage(
                "Catalog Error: unrecognized configuration parameter \"disabled_optimizers\""),
            "Catalog Error: unrecognized configuration parameter \"disabled_optimizers\"");
  EXPECT_EQ(NormalizeErrorMessage("Out of Range Error: Overflow in 12 + 2147483647"),
            "Out of Range Error: Overflow in N + N");
  EXPECT_EQ(NormalizeErrorMessage("Out of Range Error: value 1.5 out of range for DECIMAL(4,1)"),
            "Out of Range Error: value N out of range for DECIMAL(N,N)");
}

TEST(FailureCategoryTest, Kinds) {
  EXPECT_EQ(FailureCategory(FailureKind::kWrongValue, "row 1"), "wrong result: values");
  EXPECT_EQ(FailureCategory(FailureKind::kRowCount, ""), "wrong result: row count");
  EXPECT_EQ(FailureCategory(FailureKind::kCrash, "crashed (signal 11) at line 12"),
            "crashed (signal 11)");
  EXPECT_EQ(FailureCategory(FailureKind::kTimeout, "timeout after 5s at line 3"), "timeout");
  EXPECT_EQ(FailureCategory(FailureKind::kQueryFailed, "Not implemented Error: window functions"),
            "Not implemented Error: window functions");
}

TEST(FileResultTest, SerializationRoundTrips) {
  FileResult r;
  r.file = "duckdb/test/sql/a b.test";
  r.dialect = Dialect::kDuckDb;
  r.status = FileStatus::kFailed;
  r.reason = "line 3: wrong value: row 1\tcolumn 2";
  r.category = "wrong result: values";
  r.records = {10, 7, 2, 1};
  r.seconds = 1.25;
  r.failures.push_back({3, FailureKind::kWrongValue, "got '1'\\n", "  SQL:\n    SELECT 1\n"});
  r.categories["wrong result: values"] = 2;
  r.notes.push_back("line 1: ignored set seed 1");
  StatusOr<FileResult> back = DeserializeFileResult(SerializeFileResult(r));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->file, r.file);
  EXPECT_EQ(back->dialect, r.dialect);
  EXPECT_EQ(back->status, r.status);
  EXPECT_EQ(back->reason, r.reason);
  EXPECT_EQ(back->category, r.category);
  EXPECT_EQ(back->records.run, 10u);
  EXPECT_EQ(back->records.skipped, 1u);
  EXPECT_DOUBLE_EQ(back->seconds, 1.25);
  ASSERT_EQ(back->failures.size(), 1u);
  EXPECT_EQ(back->failures[0].message, r.failures[0].message);
  EXPECT_EQ(back->failures[0].detail, r.failures[0].detail);
  EXPECT_EQ(back->categories, r.categories);
  EXPECT_EQ(back->notes, r.notes);
  EXPECT_FALSE(DeserializeFileResult("nonsense\n").ok());
}

TEST(FileResultTest, Json) {
  EXPECT_EQ(JsonString("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
  FileResult r;
  r.file = "x.test";
  std::string json = FileResultJson(r);
  EXPECT_NE(json.find("\"status\": \"passed\""), std::string::npos);
  EXPECT_NE(json.find("\"records\": {\"run\": 0"), std::string::npos);
}

}  // namespace
}  // namespace fluxdb::slt
