#include "storage/table_filter.h"

#include "common/status.h"

namespace fluxdb {

const char* PruneReasonName(PruneReason reason) {
  switch (reason) {
    case PruneReason::kMinMax:
      return "min/max";
    case PruneReason::kInList:
      return "IN list";
    case PruneReason::kPrefix:
      return "prefix";
    case PruneReason::kJoinFilter:
      return "join filter";
  }
  return "unknown";
}

std::string ColumnFilter::ToString(const std::string& column_name) const {
  switch (op) {
    case ColumnFilterOp::kEqual:
      return Concat(column_name, "=", constant.ToSQLString());
    case ColumnFilterOp::kLess:
      return Concat(column_name, "<", constant.ToSQLString());
    case ColumnFilterOp::kLessEqual:
      return Concat(column_name, "<=", constant.ToSQLString());
    case ColumnFilterOp::kGreater:
      return Concat(column_name, ">", constant.ToSQLString());
    case ColumnFilterOp::kGreaterEqual:
      return Concat(column_name, ">=", constant.ToSQLString());
    case ColumnFilterOp::kIsNull:
      return Concat(column_name, " IS NULL");
    case ColumnFilterOp::kIsNotNull:
      return Concat(column_name, " IS NOT NULL");
    case ColumnFilterOp::kInList: {
      std::string list;
      for (size_t i = 0; i < values.size(); i++) {
        if (i > 0) list += ", ";
        list += values[i].ToSQLString();
      }
      return Concat(column_name, " IN (", list, ")");
    }
    case ColumnFilterOp::kPrefix:
      return Concat("prefix(", column_name, ", ", constant.ToSQLString(), ")");
  }
  return column_name;
}

}  // namespace fluxdb
