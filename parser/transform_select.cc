// SELECT blocks, VALUES, set operations, WITH, ORDER BY / LIMIT / OFFSET.
#include <algorithm>

#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

namespace {

bool IsAllMarker(const pg::Node* node) {
  return pg::Is(node, PG_QUERY__NODE__NODE_COLUMN_REF) && node->column_ref->n_fields == 1 &&
         std::string_view(pg::StrVal(node->column_ref->fields[0])) == "__fluxdb_all__";
}

/// The largest offset in `sorted` that is smaller than `position`, or -1.
int32_t LastBefore(const std::vector<int32_t>& sorted, int32_t position) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), position);
  return it == sorted.begin() ? -1 : *(it - 1);
}

class WindowScope {
 public:
  WindowScope(Transformer& t, std::map<std::string, const PgQuery__WindowDef*>* windows)
      : t_(t), saved_(t.named_windows) {
    t_.named_windows = windows;
  }
  ~WindowScope() { t_.named_windows = saved_; }

 private:
  Transformer& t_;
  std::map<std::string, const PgQuery__WindowDef*>* saved_;
};

}  // namespace

StatusOr<QueryNodePtr> Transformer::TransformQueryNode(const pg::Node* node) {
  if (!pg::Is(node, PG_QUERY__NODE__NODE_SELECT_STMT)) {
    return NotImplementedError("only SELECT queries are supported here");
  }
  return TransformSelectNode(node->select_stmt);
}

StatusOr<ExprPtr> Transformer::TakeQualify(int32_t first_target) {
  if (dialect().qualify.empty() || first_target < 0) return ExprPtr();
  int32_t owner = LastBefore(dialect().select_keywords, first_target);
  auto it = dialect().qualify.find(owner);
  if (it == dialect().qualify.end()) return ExprPtr();
  consumed_qualify_.insert(owner);
  FLUX_ASSIGN_OR_RETURN(ExprList conditions,
                        TransformTokenRangeAsTargets(it->second.begin, it->second.end));
  if (conditions.size() != 1 || !conditions[0]->alias.empty()) {
    return Parser::WithErrorOffset(ParserError("QUALIFY takes a single condition"),
                                   source().tokens[it->second.begin].start);
  }
  return std::move(conditions[0]);
}

StatusOr<QueryNodePtr> Transformer::TransformSelectNode(const PgQuery__SelectStmt* stmt) {
  DepthGuard guard(*this);
  FLUX_RETURN_IF_ERROR(guard.Check());
  std::map<std::string, const PgQuery__WindowDef*> windows;
  for (const pg::Node* window : PG_LIST(stmt, window_clause)) {
    if (!pg::Is(window, PG_QUERY__NODE__NODE_WINDOW_DEF)) continue;
    const PgQuery__WindowDef* def = window->window_def;
    if (!windows.emplace(def->name, def).second) {
      return ErrorAt(ParserError("window \"", def->name, "\" is already defined"), def->location);
    }
  }
  WindowScope scope(*this, &windows);

  QueryNodePtr node;
  int32_t start = -1;
  if (stmt->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
    auto setop = std::make_unique<SetOperationNode>();
    switch (stmt->op) {
      case PG_QUERY__SET_OPERATION__SETOP_UNION:
        setop->op = SetOpKind::kUnion;
        break;
      case PG_QUERY__SET_OPERATION__SETOP_INTERSECT:
        setop->op = SetOpKind::kIntersect;
        break;
      default:
        setop->op = SetOpKind::kExcept;
        break;
    }
    setop->all = stmt->all;
    if (stmt->larg == nullptr || stmt->rarg == nullptr) {
      return ParserError("malformed set operation");
    }
    FLUX_ASSIGN_OR_RETURN(setop->left, TransformSelectNode(stmt->larg));
    FLUX_ASSIGN_OR_RETURN(setop->right, TransformSelectNode(stmt->rarg));
    start = QueryStart(*setop->left);
    if (setop->op == SetOpKind::kUnion && !dialect().union_by_name.empty()) {
      int32_t keyword = LastBefore(dialect().set_op_keywords, QueryStart(*setop->right));
      if (dialect().union_by_name.count(keyword)) setop->op = SetOpKind::kUnionByName;
    }
    node = std::move(setop);
  } else if (stmt->n_values_lists > 0) {
    auto select = std::make_unique<SelectNode>();
    select->select_list.push_back(std::make_unique<StarExpr>());
    auto values = std::make_unique<ExpressionListRef>();
    for (const pg::Node* row : PG_LIST(stmt, values_lists)) {
      if (!pg::Is(row, PG_QUERY__NODE__NODE_LIST)) return ParserError("malformed VALUES list");
      FLUX_ASSIGN_OR_RETURN(ExprList exprs, TransformExprList(PG_LIST(row->list, items)));
      if (!values->rows.empty() && exprs.size() != values->rows[0].size()) {
        return Parser::WithErrorOffset(ParserError("VALUES lists must all be the same length"),
                                       exprs.empty() ? -1 : exprs[0]->location);
      }
      values->rows.push_back(std::move(exprs));
    }
    if (!values->rows.empty() && !values->rows[0].empty()) {
      start = values->rows[0][0]->location;
      values->location = start;
    }
    select->from = std::move(values);
    node = std::move(select);
  } else {
    auto select = std::make_unique<SelectNode>();
    if (stmt->into_clause != nullptr) {
      return NotImplementedError("SELECT INTO not supported; use CREATE TABLE AS");
    }
    if (stmt->n_locking_clause > 0) {
      return NotImplementedError("SELECT locking clause is not supported");
    }
    if (stmt->n_distinct_clause > 0) {
      select->distinct = true;
      bool plain = stmt->n_distinct_clause == 1 &&
                   (stmt->distinct_clause[0] == nullptr ||
                    stmt->distinct_clause[0]->node_case == PG_QUERY__NODE__NODE__NOT_SET);
      if (!plain) {
        FLUX_ASSIGN_OR_RETURN(select->distinct_on,
                              TransformExprList(PG_LIST(stmt, distinct_clause)));
      }
    }
    if (stmt->n_target_list > 0 && pg::Is(stmt->target_list[0], PG_QUERY__NODE__NODE_RES_TARGET)) {
      start = Loc(stmt->target_list[0]->res_target->location);
    }
    if (stmt->n_target_list == 0) {
      return ParserError("SELECT clause without selection list");
    }
    FLUX_ASSIGN_OR_RETURN(select->select_list, TransformTargetList(PG_LIST(stmt, target_list)));
    FLUX_ASSIGN_OR_RETURN(select->from, TransformFromList(PG_LIST(stmt, from_clause)));
    FLUX_ASSIGN_OR_RETURN(select->where, TransformExprOrNull(stmt->where_clause));
    if (stmt->group_distinct) {
      return NotImplementedError("GROUP BY DISTINCT is not supported");
    }
    for (const pg::Node* item : PG_LIST(stmt, group_clause)) {
      if (IsAllMarker(item) && dialect().all_markers.count(Loc(item->column_ref->location))) {
        if (stmt->n_group_clause != 1) {
          return ErrorAt(ParserError("GROUP BY ALL cannot be combined with other expressions"),
                         item->column_ref->location);
        }
        select->group_by_all = true;
        continue;
      }
      if (pg::Is(item, PG_QUERY__NODE__NODE_GROUPING_SET)) {
        return ErrorAt(NotImplementedError("GROUPING SETS / ROLLUP / CUBE are not supported"),
                       item->grouping_set->location);
      }
      FLUX_ASSIGN_OR_RETURN(ExprPtr expr, TransformExpr(item));
      select->group_by.push_back(std::move(expr));
    }
    FLUX_ASSIGN_OR_RETURN(select->having, TransformExprOrNull(stmt->having_clause));
    FLUX_ASSIGN_OR_RETURN(select->qualify, TakeQualify(start));
    node = std::move(select);
  }
  query_starts_[node.get()] = start;
  FLUX_RETURN_IF_ERROR(TransformCTEs(stmt->with_clause, *node));
  FLUX_RETURN_IF_ERROR(TransformModifiers(stmt, *node));
  return node;
}

int32_t Transformer::QueryStart(const QueryNode& node) const {
  auto it = query_starts_.find(&node);
  return it == query_starts_.end() ? -1 : it->second;
}

Status Transformer::TransformCTEs(const PgQuery__WithClause* with, QueryNode& node) {
  if (with == nullptr) return Status();
  node.recursive_ctes = with->recursive;
  for (const pg::Node* item : PG_LIST(with, ctes)) {
    if (!pg::Is(item, PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR)) {
      return ParserError("malformed WITH clause");
    }
    const PgQuery__CommonTableExpr* cte = item->common_table_expr;
    if (cte->search_clause != nullptr || cte->cycle_clause != nullptr) {
      return ErrorAt(NotImplementedError("SEARCH / CYCLE in WITH RECURSIVE is not supported"),
                     cte->location);
    }
    if (!pg::Is(cte->ctequery, PG_QUERY__NODE__NODE_SELECT_STMT)) {
      return ErrorAt(NotImplementedError("data-modifying statements in WITH are not supported"),
                     cte->location);
    }
    CommonTableExpr out;
    out.name = cte->ctename;
    for (const pg::Node* alias : PG_LIST(cte, aliascolnames)) {
      out.column_aliases.push_back(pg::StrVal(alias));
    }
    out.materialized = cte->ctematerialized == PG_QUERY__CTEMATERIALIZE__CTEMaterializeAlways;
    FLUX_ASSIGN_OR_RETURN(out.query, TransformSelectNode(cte->ctequery->select_stmt));
    for (const CommonTableExpr& existing : node.ctes) {
      if (existing.name == out.name) {
        return ErrorAt(ParserError("WITH query name \"", out.name, "\" specified more than once"),
                       cte->location);
      }
    }
    node.ctes.push_back(std::move(out));
  }
  return Status();
}

Status Transformer::TransformOrderBy(pg::Repeated<pg::Node> items, std::vector<OrderByItem>& out) {
  for (const pg::Node* item : items) {
    if (!pg::Is(item, PG_QUERY__NODE__NODE_SORT_BY)) return ParserError("malformed ORDER BY");
    const PgQuery__SortBy* sort = item->sort_by;
    if (sort->sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_USING) {
      return ErrorAt(NotImplementedError("ORDER BY ... USING is not supported"), sort->location);
    }
    if (IsAllMarker(sort->node) &&
        dialect().all_markers.count(Loc(sort->node->column_ref->location))) {
      return ErrorAt(ParserError("ORDER BY ALL is only allowed as the whole ORDER BY of a query"),
                     sort->node->column_ref->location);
    }
    OrderByItem order;
    FLUX_ASSIGN_OR_RETURN(order.expr, TransformExpr(sort->node));
    order.ascending = sort->sortby_dir != PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
    order.nulls =
        sort->sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST  ? NullOrder::kNullsFirst
        : sort->sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST ? NullOrder::kNullsLast
                                                                           : NullOrder::kDefault;
    out.push_back(std::move(order));
  }
  return Status();
}

Status Transformer::TransformModifiers(const PgQuery__SelectStmt* stmt, QueryNode& node) {
  ResultModifiers& modifiers = node.modifiers;
  if (stmt->n_sort_clause == 1 && pg::Is(stmt->sort_clause[0], PG_QUERY__NODE__NODE_SORT_BY)) {
    const PgQuery__SortBy* sort = stmt->sort_clause[0]->sort_by;
    if (IsAllMarker(sort->node) &&
        dialect().all_markers.count(Loc(sort->node->column_ref->location))) {
      modifiers.order_by_all = true;
      modifiers.order_by_all_ascending = sort->sortby_dir != PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
      modifiers.order_by_all_nulls =
          sort->sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST ? NullOrder::kNullsFirst
          : sort->sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST ? NullOrder::kNullsLast
                                                                             : NullOrder::kDefault;
    }
  }
  if (!modifiers.order_by_all) {
    FLUX_RETURN_IF_ERROR(TransformOrderBy(PG_LIST(stmt, sort_clause), modifiers.order_by));
  }
  if (stmt->limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES) {
    return NotImplementedError("FETCH ... WITH TIES is not supported");
  }
  const pg::Node* limit = stmt->limit_count;
  bool limit_all = pg::Is(limit, PG_QUERY__NODE__NODE_A_CONST) && limit->a_const->isnull;
  if (limit != nullptr && !limit_all) {
    FLUX_ASSIGN_OR_RETURN(modifiers.limit, TransformExpr(limit));
    int32_t at = modifiers.limit->location;
    for (const auto& [begin, end] : dialect().limit_percent) {
      if (at >= begin && at < end) modifiers.limit_percent = true;
    }
  }
  FLUX_ASSIGN_OR_RETURN(modifiers.offset, TransformExprOrNull(stmt->limit_offset));
  return Status();
}

}  // namespace fluxdb::ast
