#include "main/plan_renderer.h"

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace fluxdb {

namespace {

std::string Milliseconds(uint64_t nanos) { return absl::StrFormat("%.3f ms", nanos / 1e6); }

void RenderText(const PhysicalOperator& op, const std::string& prefix, bool last, bool root,
                bool analyze, std::string* out) {
  std::string head = root ? "" : (last ? "└── " : "├── ");
  std::string line = Concat(prefix, head, op.Name());
  if (analyze) {
    absl::StrAppend(&line, "  (rows: ", op.profile.rows_out.load(), ", time: ",
                    Milliseconds(op.profile.nanos.load()), ")");
  } else if (op.estimated_cardinality() > 0) {
    absl::StrAppend(&line, "  (~", op.estimated_cardinality(), " rows)");
  }
  absl::StrAppend(out, line, "\n");
  std::string child_prefix = root ? "" : prefix + (last ? "    " : "│   ");
  std::string detail_prefix = child_prefix + (op.children.empty() ? "    " : "│   ");
  for (const auto& detail : op.Details()) absl::StrAppend(out, detail_prefix, detail, "\n");
  if (analyze) {
    for (const auto& detail : op.RuntimeDetails()) absl::StrAppend(out, detail_prefix, detail, "\n");
  }
  for (size_t i = 0; i < op.children.size(); i++) {
    RenderText(*op.children[i], child_prefix, i + 1 == op.children.size(), false, analyze, out);
  }
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string RenderJson(const PhysicalOperator& op, bool analyze) {
  std::vector<std::string> details, runtime, children;
  for (const auto& d : op.Details()) details.push_back(JsonString(d));
  std::string result = Concat("{\"name\":", JsonString(op.Name()), ",\"details\":[",
                              absl::StrJoin(details, ","), "]");
  absl::StrAppend(&result, ",\"estimated_cardinality\":", op.estimated_cardinality());
  if (analyze) {
    for (const auto& d : op.RuntimeDetails()) runtime.push_back(JsonString(d));
    absl::StrAppend(&result, ",\"rows\":", op.profile.rows_out.load(),
                    ",\"time_ms\":", absl::StrFormat("%.3f", op.profile.nanos.load() / 1e6),
                    ",\"runtime\":[", absl::StrJoin(runtime, ","), "]");
  }
  for (const auto& child : op.children) children.push_back(RenderJson(*child, analyze));
  absl::StrAppend(&result, ",\"children\":[", absl::StrJoin(children, ","), "]}");
  return result;
}

}  // namespace

std::string RenderPlanText(const PhysicalOperator& root, bool analyze) {
  std::string out;
  RenderText(root, "", true, true, analyze, &out);
  return out;
}

std::string RenderPlanJson(const PhysicalOperator& root, bool analyze) {
  return RenderJson(root, analyze);
}

}  // namespace fluxdb
