// libFuzzer target for the SQL parser: any input either parses or fails with a located error, and
// everything parsed can be rendered and copied. Run e.g.:
//   ./parser_fuzzer -dict=../../test/fuzz/parser_fuzzer.dict -max_total_time=300 corpus/
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "parser/parser.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

void Exercise(const fluxdb::ast::Statement& statement) {
  using fluxdb::ast::StatementKind;
  switch (statement.kind) {
    case StatementKind::kSelect: {
      const auto& node = *statement.As<fluxdb::ast::SelectStatement>().node;
      std::string text = node.ToString();
      Check(node.Copy()->ToString() == text);
      break;
    }
    case StatementKind::kInsert: {
      const auto& insert = statement.As<fluxdb::ast::InsertStatement>();
      if (insert.query) Check(insert.query->Copy()->ToString() == insert.query->ToString());
      break;
    }
    case StatementKind::kExplain: {
      const auto& explain = statement.As<fluxdb::ast::ExplainStatement>();
      if (explain.statement) Exercise(*explain.statement);
      break;
    }
    case StatementKind::kPrepare: {
      const auto& prepare = statement.As<fluxdb::ast::PrepareStatement>();
      if (prepare.statement) Exercise(*prepare.statement);
      break;
    }
    default:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view sql(reinterpret_cast<const char*>(data), size);
  auto parsed = fluxdb::Parser::Parse(sql);
  if (!parsed.ok()) {
    int32_t offset = fluxdb::Parser::ErrorOffset(parsed.status());
    Check(offset >= -1 && offset <= static_cast<int32_t>(size));
    return 0;
  }
  for (const auto& statement : *parsed) {
    Check(statement->text_offset >= 0);
    Check(static_cast<size_t>(statement->text_offset) + statement->text.size() <= size);
    Check(sql.substr(statement->text_offset, statement->text.size()) == statement->text);
    Exercise(*statement);
  }
  return 0;
}
