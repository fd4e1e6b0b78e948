#include "main/plan_renderer.h"

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "execution/operator/physical_table_scan.h"

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

// The scan's counters as a JSON object, so tools need not parse the text lines.
std::string ScanStatisticsJson(const PhysicalTableScan& scan) {
  ScanStatistics s = scan.statistics();
  std::vector<std::string> reasons;
  for (int r = 0; r < kPruneReasonCount; r++) {
    reasons.push_back(
        Concat(JsonString(PruneReasonName(static_cast<PruneReason>(r))), ":", s.chunks_pruned[r]));
  }
  return Concat("{\"table\":", JsonString(scan.table_name),
                ",\"chunks_scanned\":", s.chunks_scanned, ",\"chunks_pruned\":", s.total_pruned(),
                ",\"chunks_pruned_by\":{", absl::StrJoin(reasons, ","),
                "},\"row_groups_scanned\":", s.row_groups_scanned,
                ",\"row_groups_pruned\":", s.row_groups_pruned, ",\"pages_read\":", s.pages_read,
                ",\"pages_cached\":", s.pages_cached, ",\"bytes_read\":", s.bytes_read,
                ",\"bytes_decoded\":", s.bytes_decoded, "}");
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
    if (op.type() == PhysicalOperatorType::kTableScan) {
      absl::StrAppend(&result, ",\"scan\":",
                      ScanStatisticsJson(static_cast<const PhysicalTableScan&>(op)));
    }
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

std::string RenderAnalyzeText(const PhysicalOperator& root, const QueryProfileSummary& summary) {
  return Concat("Total time: ", absl::StrFormat("%.3f ms", summary.total_ms), "\n",
                "Peak memory: ", absl::StrFormat("%.2f MB", summary.peak_memory_bytes / 1e6), " (",
                summary.peak_memory_bytes, " bytes)\n", RenderPlanText(root, true));
}

std::string RenderAnalyzeJson(const PhysicalOperator& root, const QueryProfileSummary& summary) {
  return Concat("{\"query\":", JsonString(summary.query),
                ",\"total_time_ms\":", absl::StrFormat("%.3f", summary.total_ms),
                ",\"peak_memory_bytes\":", summary.peak_memory_bytes,
                ",\"plan\":", RenderJson(root, true), "}");
}

}  // namespace fluxdb
