// FROM clause items: tables, subqueries, table functions, VALUES and joins.
#include <algorithm>

#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

namespace {

void ApplyAlias(const PgQuery__Alias* alias, TableRef& ref) {
  if (alias == nullptr) return;
  if (std::string_view(alias->aliasname) != sql::kUnnamedSubquery) ref.alias = alias->aliasname;
  for (const pg::Node* name : PG_LIST(alias, colnames))
    ref.column_aliases.push_back(pg::StrVal(name));
}

}  // namespace

int32_t Transformer::TableRefStart(const TableRef& ref) const {
  switch (ref.kind) {
    case TableRefKind::kJoin:
      return ref.As<JoinRef>().left ? TableRefStart(*ref.As<JoinRef>().left) : -1;
    case TableRefKind::kSubquery:
      return ref.As<SubqueryRef>().query ? QueryStart(*ref.As<SubqueryRef>().query) : -1;
    default:
      return ref.location;
  }
}

StatusOr<std::unique_ptr<BaseTableRef>> Transformer::TransformRangeVar(
    const PgQuery__RangeVar* range_var) {
  auto table = std::make_unique<BaseTableRef>();
  table->catalog = range_var->catalogname;
  table->schema = range_var->schemaname;
  table->table = range_var->relname;
  table->location = Loc(range_var->location);
  ApplyAlias(range_var->alias, *table);
  return table;
}

StatusOr<TableRefPtr> Transformer::TransformFromList(pg::Repeated<pg::Node> items) {
  if (items.empty()) return TableRefPtr(std::make_unique<EmptyTableRef>());
  TableRefPtr result;
  for (const pg::Node* item : items) {
    FLUX_ASSIGN_OR_RETURN(TableRefPtr ref, TransformTableRef(item));
    if (result == nullptr) {
      result = std::move(ref);
      continue;
    }
    // FROM a, b is a cross product.
    auto join = std::make_unique<JoinRef>();
    join->join_type = JoinType::kCross;
    join->location = result->location;
    join->left = std::move(result);
    join->right = std::move(ref);
    result = std::move(join);
  }
  return result;
}

StatusOr<TableRefPtr> Transformer::TransformTableRef(const pg::Node* node) {
  DepthGuard guard(*this);
  FLUX_RETURN_IF_ERROR(guard.Check());
  if (node == nullptr) return ParserError("missing FROM item");
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR: {
      FLUX_ASSIGN_OR_RETURN(auto table, TransformRangeVar(node->range_var));
      return TableRefPtr(std::move(table));
    }
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
      const PgQuery__RangeSubselect* sub = node->range_subselect;
      FLUX_ASSIGN_OR_RETURN(QueryNodePtr query, TransformQueryNode(sub->subquery));
      auto ref = std::make_unique<SubqueryRef>(std::move(query));
      ref->lateral = sub->lateral;
      ref->location = QueryStart(*ref->query);
      ApplyAlias(sub->alias, *ref);
      return TableRefPtr(std::move(ref));
    }
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION: {
      const PgQuery__RangeFunction* range = node->range_function;
      if (range->ordinality) return NotImplementedError("WITH ORDINALITY is not supported");
      if (range->is_rowsfrom || range->n_functions != 1) {
        return NotImplementedError("ROWS FROM (...) is not supported");
      }
      if (range->n_coldeflist > 0) {
        return NotImplementedError("column definition lists for table functions are not supported");
      }
      const pg::Node* pair = range->functions[0];
      const pg::Node* fn = pg::Is(pair, PG_QUERY__NODE__NODE_LIST) && pair->list->n_items > 0
                               ? pair->list->items[0]
                               : nullptr;
      if (!pg::Is(fn, PG_QUERY__NODE__NODE_FUNC_CALL)) {
        return NotImplementedError("only function calls are supported as table functions");
      }
      if (pair->list->n_items > 1 && pair->list->items[1] != nullptr &&
          pair->list->items[1]->node_case != PG_QUERY__NODE__NODE__NOT_SET) {
        return NotImplementedError("column definition lists for table functions are not supported");
      }
      FLUX_ASSIGN_OR_RETURN(ExprPtr call, TransformFuncCall(fn->func_call));
      if (call->kind != ExprKind::kFunction) {
        return ErrorAt(ParserError("window functions cannot be used as table functions"),
                       fn->func_call->location);
      }
      auto& function = call->As<FunctionExpr>();
      if (function.distinct || function.star || function.filter || !function.order_by.empty()) {
        return ErrorAt(ParserError("aggregate syntax is not allowed in a table function call"),
                       fn->func_call->location);
      }
      auto ref = std::make_unique<TableFunctionRef>();
      ref->name =
          function.schema.empty() ? function.name : Concat(function.schema, ".", function.name);
      ref->location = function.location;
      for (ExprPtr& arg : function.args) {
        // DuckDB spells named parameters read_csv('f', header = true).
        if (arg->kind == ExprKind::kComparison && arg->alias.empty()) {
          auto& cmp = arg->As<ComparisonExpr>();
          if (cmp.op == ComparisonOp::kEqual && cmp.left->kind == ExprKind::kColumnRef &&
              cmp.left->As<ColumnRefExpr>().names.size() == 1) {
            std::string name = cmp.left->As<ColumnRefExpr>().names[0];
            ExprPtr value = std::move(cmp.right);
            value->alias = std::move(name);
            arg = std::move(value);
          }
        }
        ref->args.push_back(std::move(arg));
      }
      ApplyAlias(range->alias, *ref);
      return TableRefPtr(std::move(ref));
    }
    case PG_QUERY__NODE__NODE_JOIN_EXPR: {
      const PgQuery__JoinExpr* expr = node->join_expr;
      auto join = std::make_unique<JoinRef>();
      FLUX_ASSIGN_OR_RETURN(join->left, TransformTableRef(expr->larg));
      FLUX_ASSIGN_OR_RETURN(join->right, TransformTableRef(expr->rarg));
      join->location = join->left->location;
      join->natural = expr->is_natural;
      for (const pg::Node* column : PG_LIST(expr, using_clause)) {
        join->using_columns.push_back(pg::StrVal(column));
      }
      if (expr->join_using_alias != nullptr) {
        return NotImplementedError("JOIN ... USING (...) AS alias is not supported");
      }
      FLUX_ASSIGN_OR_RETURN(join->condition, TransformExprOrNull(expr->quals));
      switch (expr->jointype) {
        case PG_QUERY__JOIN_TYPE__JOIN_INNER:
          join->join_type =
              join->condition == nullptr && join->using_columns.empty() && !join->natural
                  ? JoinType::kCross
                  : JoinType::kInner;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
          join->join_type = JoinType::kLeft;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
          join->join_type = JoinType::kRight;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_FULL:
          join->join_type = JoinType::kFull;
          break;
        default:
          return NotImplementedError("this join type is not supported");
      }
      if (!dialect().join_markers.empty()) {
        const auto& keywords = dialect().join_keywords;
        int32_t right_start = TableRefStart(*join->right);
        auto it = std::lower_bound(keywords.begin(), keywords.end(), right_start);
        if (it != keywords.begin()) {
          auto marker = dialect().join_markers.find(*(it - 1));
          if (marker != dialect().join_markers.end()) {
            if (join->join_type != JoinType::kInner) {
              return Parser::WithErrorOffset(ParserError("SEMI / ANTI JOIN needs a join condition"),
                                             marker->first);
            }
            switch (marker->second) {
              case sql::JoinMarker::kSemi:
                join->join_type = JoinType::kSemi;
                break;
              case sql::JoinMarker::kAnti:
                join->join_type = JoinType::kAnti;
                break;
              case sql::JoinMarker::kMark:
                join->join_type = JoinType::kMark;
                break;
              case sql::JoinMarker::kSingle:
                join->join_type = JoinType::kSingle;
                break;
            }
          }
        }
      }
      ApplyAlias(expr->alias, *join);
      return TableRefPtr(std::move(join));
    }
    case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE:
      return NotImplementedError("TABLESAMPLE is not supported");
    case PG_QUERY__NODE__NODE_RANGE_TABLE_FUNC:
      return NotImplementedError("XMLTABLE is not supported");
    default:
      return NotImplementedError("this kind of FROM item is not supported");
  }
}

}  // namespace fluxdb::ast
