// Statements other than SELECT: DDL, DML and utility statements.
#include "parser/statement.h"

#include <gtest/gtest.h>

#include "test/unit/parser/parser_test_util.h"

namespace fluxdb::ast {
namespace {

using testing::ParseError;
using testing::ParseOne;

template <typename T>
T& As(StatementPtr& statement) {
  return statement->As<T>();
}

TEST(CreateTableTest, ColumnsAndConstraints) {
  StatementPtr s = ParseOne(
      "CREATE TABLE IF NOT EXISTS s.t (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL "
      "DEFAULT 'x', price DECIMAL(10, 2) CHECK (price > 0), code TEXT UNIQUE COLLATE nocase, "
      "ref INT REFERENCES other(id), CONSTRAINT pk UNIQUE (name, code), "
      "CHECK (price < 1000 AND id > 0), PRIMARY KEY (id), FOREIGN KEY (ref) REFERENCES o.p (q))");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->kind, StatementKind::kCreateTable);
  auto& create = As<CreateTableStatement>(s);
  EXPECT_EQ(create.schema, "s");
  EXPECT_EQ(create.table, "t");
  EXPECT_TRUE(create.if_not_exists);
  EXPECT_FALSE(create.temporary);
  EXPECT_FALSE(create.or_replace);
  ASSERT_EQ(create.columns.size(), 5u);
  const ColumnDefinition& id = create.columns[0];
  EXPECT_EQ(id.name, "id");
  EXPECT_EQ(id.type.name, "int4");
  EXPECT_TRUE(id.primary_key);
  const ColumnDefinition& name = create.columns[1];
  EXPECT_EQ(name.type.name, "varchar");
  EXPECT_EQ(name.type.modifiers, std::vector<int64_t>{20});
  EXPECT_TRUE(name.not_null);
  ASSERT_NE(name.default_value, nullptr);
  EXPECT_EQ(name.default_value->ToString(), "'x'");
  const ColumnDefinition& price = create.columns[2];
  ASSERT_NE(price.check, nullptr);
  EXPECT_EQ(price.check->ToString(), "(price > 0)");
  EXPECT_EQ(price.check_text, "price > 0");
  EXPECT_TRUE(create.columns[3].unique);
  EXPECT_EQ(create.columns[3].collation, "nocase");
  ASSERT_EQ(create.constraints.size(), 5u);
  // The column's REFERENCES becomes a table constraint, in order of appearance.
  EXPECT_EQ(create.constraints[0].kind, ConstraintKind::kForeignKey);
  EXPECT_EQ(create.constraints[0].columns, std::vector<std::string>{"ref"});
  EXPECT_EQ(create.constraints[0].fk_table, "other");
  EXPECT_EQ(create.constraints[0].fk_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(create.constraints[1].kind, ConstraintKind::kUnique);
  EXPECT_EQ(create.constraints[1].name, "pk");
  EXPECT_EQ(create.constraints[1].columns, (std::vector<std::string>{"name", "code"}));
  EXPECT_EQ(create.constraints[2].kind, ConstraintKind::kCheck);
  EXPECT_EQ(create.constraints[2].check_text, "price < 1000 AND id > 0");
  EXPECT_EQ(create.constraints[3].kind, ConstraintKind::kPrimaryKey);
  EXPECT_EQ(create.constraints[4].fk_schema, "o");
  EXPECT_EQ(create.constraints[4].fk_table, "p");
  EXPECT_EQ(create.columns[0].location, 32);
}

TEST(CreateTableTest, TemporaryOrReplaceAndAs) {
  StatementPtr temp = ParseOne("CREATE TEMPORARY TABLE t (a INT)");
  ASSERT_NE(temp, nullptr);
  EXPECT_TRUE(As<CreateTableStatement>(temp).temporary);
  StatementPtr replace = ParseOne("CREATE OR REPLACE TABLE t (a INT)");
  ASSERT_NE(replace, nullptr);
  EXPECT_TRUE(As<CreateTableStatement>(replace).or_replace);
  StatementPtr ctas = ParseOne("CREATE TABLE t AS SELECT 1 AS a");
  ASSERT_NE(ctas, nullptr);
  auto& create = As<CreateTableStatement>(ctas);
  EXPECT_TRUE(create.columns.empty());
  ASSERT_NE(create.as_query, nullptr);
  EXPECT_EQ(create.as_query->ToString(), "SELECT 1 AS a");
  StatementPtr renamed = ParseOne("CREATE TABLE t (x, y) AS SELECT 1, 2");
  ASSERT_NE(renamed, nullptr);
  EXPECT_EQ(As<CreateTableStatement>(renamed).as_query->ToString(),
            "SELECT * FROM (SELECT 1, 2)(x, y)");
  StatementPtr from_first = ParseOne("CREATE OR REPLACE TABLE t AS FROM range(3)");
  ASSERT_NE(from_first, nullptr);
  EXPECT_TRUE(As<CreateTableStatement>(from_first).or_replace);
  EXPECT_EQ(As<CreateTableStatement>(from_first).as_query->ToString(), "SELECT * FROM range(3)");
  EXPECT_NE(ParseError("CREATE TABLE t (a INT GENERATED ALWAYS AS (1) STORED)")
                .find("Not implemented Error"),
            std::string::npos);
}

TEST(CreateTableTest, FloatIsFourBytesUnlessAPrecisionSaysOtherwise) {
  StatementPtr s = ParseOne("CREATE TABLE t (a FLOAT, b FLOAT(30), c REAL, d DOUBLE, e FLOAT(10))");
  ASSERT_NE(s, nullptr);
  const auto& columns = As<CreateTableStatement>(s).columns;
  EXPECT_EQ(ResolveTypeName(columns[0].type).value(), LogicalType::Float());
  EXPECT_EQ(ResolveTypeName(columns[1].type).value(), LogicalType::Double());
  EXPECT_EQ(ResolveTypeName(columns[2].type).value(), LogicalType::Float());
  EXPECT_EQ(ResolveTypeName(columns[3].type).value(), LogicalType::Double());
  EXPECT_EQ(ResolveTypeName(columns[4].type).value(), LogicalType::Float());
}

TEST(CreateViewTest, KeepsTheQueryText) {
  StatementPtr s =
      ParseOne("CREATE OR REPLACE TEMP VIEW s.v (a, b) AS SELECT x, y   FROM t WHERE x > (1)");
  ASSERT_NE(s, nullptr);
  auto& view = As<CreateViewStatement>(s);
  EXPECT_EQ(view.schema, "s");
  EXPECT_EQ(view.view, "v");
  EXPECT_TRUE(view.or_replace);
  EXPECT_TRUE(view.temporary);
  EXPECT_EQ(view.column_aliases, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(view.query_text, "SELECT x, y   FROM t WHERE x > (1)");
  EXPECT_EQ(view.query->ToString(), "SELECT x, y FROM t WHERE (x > 1)");
  StatementPtr ine = ParseOne("CREATE VIEW IF NOT EXISTS v AS (SELECT 1)");
  ASSERT_NE(ine, nullptr);
  EXPECT_TRUE(As<CreateViewStatement>(ine).if_not_exists);
  EXPECT_EQ(As<CreateViewStatement>(ine).query_text, "(SELECT 1)");
}

TEST(CreateTest, SchemaAndIndex) {
  StatementPtr schema = ParseOne("CREATE SCHEMA IF NOT EXISTS s");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(As<CreateSchemaStatement>(schema).schema, "s");
  EXPECT_TRUE(As<CreateSchemaStatement>(schema).if_not_exists);
  StatementPtr index = ParseOne("CREATE UNIQUE INDEX IF NOT EXISTS i ON s.t (a, (b + 1))");
  ASSERT_NE(index, nullptr);
  auto& create = As<CreateIndexStatement>(index);
  EXPECT_EQ(create.index, "i");
  EXPECT_EQ(create.schema, "s");
  EXPECT_EQ(create.table, "t");
  EXPECT_TRUE(create.unique);
  EXPECT_TRUE(create.if_not_exists);
  ASSERT_EQ(create.expressions.size(), 2u);
  EXPECT_EQ(create.expressions[0]->ToString(), "a");
  EXPECT_EQ(create.expressions[1]->ToString(), "(b + 1)");
  EXPECT_NE(ParseError("CREATE INDEX i ON t USING hash (a)").find("Not implemented"),
            std::string::npos);
}

TEST(DropTest, OneStatementPerName) {
  auto parsed = Parser::Parse("DROP TABLE IF EXISTS a, s.b CASCADE");
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->size(), 2u);
  const auto& first = (*parsed)[0]->As<DropStatement>();
  EXPECT_EQ(first.object_kind, ObjectKind::kTable);
  EXPECT_EQ(first.name, "a");
  EXPECT_TRUE(first.if_exists);
  EXPECT_TRUE(first.cascade);
  const auto& second = (*parsed)[1]->As<DropStatement>();
  EXPECT_EQ(second.schema, "s");
  EXPECT_EQ(second.name, "b");
  EXPECT_EQ((*parsed)[1]->text, "DROP TABLE IF EXISTS a, s.b CASCADE");
  const std::pair<std::string, ObjectKind> kinds[] = {
      {"DROP VIEW v", ObjectKind::kView},         {"DROP SCHEMA s", ObjectKind::kSchema},
      {"DROP INDEX i", ObjectKind::kIndex},       {"DROP SEQUENCE q", ObjectKind::kSequence},
      {"DROP FUNCTION f", ObjectKind::kFunction}, {"DROP TYPE ty", ObjectKind::kType},
  };
  for (const auto& [sql, kind] : kinds) {
    StatementPtr s = ParseOne(sql);
    ASSERT_NE(s, nullptr) << sql;
    EXPECT_EQ(As<DropStatement>(s).object_kind, kind) << sql;
    EXPECT_FALSE(As<DropStatement>(s).name.empty()) << sql;
    EXPECT_FALSE(As<DropStatement>(s).if_exists) << sql;
  }
}

TEST(AlterTableTest, Actions) {
  auto alter = [](const std::string& sql) -> AlterTableStatement& {
    static StatementPtr holder;
    holder = ParseOne(sql);
    EXPECT_NE(holder, nullptr) << sql;
    return holder->As<AlterTableStatement>();
  };
  AlterTableStatement& rename = alter("ALTER TABLE IF EXISTS s.t RENAME TO u");
  EXPECT_EQ(rename.alter_kind, AlterKind::kRenameTable);
  EXPECT_EQ(rename.schema, "s");
  EXPECT_EQ(rename.table, "t");
  EXPECT_EQ(rename.new_name, "u");
  EXPECT_TRUE(rename.if_exists);
  AlterTableStatement& rename_column = alter("ALTER TABLE t RENAME COLUMN a TO b");
  EXPECT_EQ(rename_column.alter_kind, AlterKind::kRenameColumn);
  EXPECT_EQ(rename_column.column, "a");
  EXPECT_EQ(rename_column.new_name, "b");
  AlterTableStatement& add = alter("ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT DEFAULT 3");
  EXPECT_EQ(add.alter_kind, AlterKind::kAddColumn);
  ASSERT_NE(add.new_column, nullptr);
  EXPECT_EQ(add.new_column->name, "c");
  EXPECT_EQ(add.new_column->default_value->ToString(), "3");
  EXPECT_TRUE(add.column_if_exists);
  AlterTableStatement& drop = alter("ALTER TABLE t DROP COLUMN IF EXISTS c CASCADE");
  EXPECT_EQ(drop.alter_kind, AlterKind::kDropColumn);
  EXPECT_EQ(drop.column, "c");
  EXPECT_TRUE(drop.column_if_exists);
  EXPECT_TRUE(drop.cascade);
  AlterTableStatement& type = alter("ALTER TABLE t ALTER COLUMN c TYPE BIGINT USING c * 2");
  EXPECT_EQ(type.alter_kind, AlterKind::kAlterColumnType);
  EXPECT_EQ(type.new_type.name, "int8");
  EXPECT_EQ(type.expression->ToString(), "(c * 2)");
  AlterTableStatement& set_default = alter("ALTER TABLE t ALTER c SET DEFAULT 10");
  EXPECT_EQ(set_default.alter_kind, AlterKind::kSetDefault);
  EXPECT_EQ(set_default.expression->ToString(), "10");
  EXPECT_EQ(alter("ALTER TABLE t ALTER c DROP DEFAULT").alter_kind, AlterKind::kDropDefault);
  EXPECT_EQ(alter("ALTER TABLE t ALTER c SET NOT NULL").alter_kind, AlterKind::kSetNotNull);
  EXPECT_EQ(alter("ALTER TABLE t ALTER c DROP NOT NULL").alter_kind, AlterKind::kDropNotNull);
  auto two = Parser::Parse("ALTER TABLE t ADD a INT, ADD b INT");
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->size(), 2u);
  EXPECT_NE(ParseError("ALTER TABLE t ADD CONSTRAINT c UNIQUE (a)").find("Not implemented"),
            std::string::npos);
}

TEST(InsertTest, Forms) {
  StatementPtr values = ParseOne("INSERT INTO s.t (a, b) VALUES (1, DEFAULT), (2, 'x')");
  ASSERT_NE(values, nullptr);
  auto& insert = As<InsertStatement>(values);
  EXPECT_EQ(insert.schema, "s");
  EXPECT_EQ(insert.table, "t");
  EXPECT_EQ(insert.columns, (std::vector<std::string>{"a", "b"}));
  ASSERT_NE(insert.query, nullptr);
  const auto& rows = insert.query->As<SelectNode>().from->As<ExpressionListRef>().rows;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1]->kind, ExprKind::kDefault);
  EXPECT_EQ(insert.on_conflict, OnConflict::kError);

  StatementPtr select = ParseOne("INSERT INTO t SELECT * FROM u RETURNING a, b + 1 AS c");
  ASSERT_NE(select, nullptr);
  EXPECT_EQ(As<InsertStatement>(select).query->ToString(), "SELECT * FROM u");
  ASSERT_EQ(As<InsertStatement>(select).returning.size(), 2u);
  EXPECT_EQ(As<InsertStatement>(select).returning[1]->alias, "c");

  StatementPtr defaults = ParseOne("INSERT INTO t DEFAULT VALUES");
  ASSERT_NE(defaults, nullptr);
  EXPECT_TRUE(As<InsertStatement>(defaults).default_values);
  EXPECT_EQ(As<InsertStatement>(defaults).query, nullptr);

  StatementPtr nothing = ParseOne("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING");
  ASSERT_NE(nothing, nullptr);
  EXPECT_EQ(As<InsertStatement>(nothing).on_conflict, OnConflict::kIgnore);

  StatementPtr with = ParseOne("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x");
  ASSERT_NE(with, nullptr);
  EXPECT_EQ(As<InsertStatement>(with).query->ctes.size(), 1u);

  StatementPtr alias = ParseOne("INSERT INTO t AS z VALUES (1)");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(As<InsertStatement>(alias).alias, "z");

  StatementPtr upsert = ParseOne(
      "INSERT INTO t VALUES (1) ON CONFLICT (a, b) DO UPDATE SET b = excluded.b + 1 WHERE t.c");
  ASSERT_NE(upsert, nullptr);
  const auto& update = As<InsertStatement>(upsert);
  EXPECT_EQ(update.on_conflict, OnConflict::kUpdate);
  EXPECT_EQ(update.conflict_columns, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(update.conflict_set.size(), 1u);
  EXPECT_EQ(update.conflict_set[0].column, "b");
  EXPECT_EQ(update.conflict_set[0].value->ToString(), "(excluded.b + 1)");
  ASSERT_NE(update.conflict_where, nullptr);
  EXPECT_NE(ParseError("INSERT INTO t VALUES (1) ON CONFLICT (a) WHERE a > 0 DO NOTHING")
                .find("only supported in DO UPDATE SET"),
            std::string::npos);
}

TEST(UpdateTest, SetFromWhereReturning) {
  StatementPtr s =
      ParseOne("UPDATE t AS x SET a = 1, b = b + u.c FROM u, v WHERE x.id = u.id RETURNING *");
  ASSERT_NE(s, nullptr);
  auto& update = As<UpdateStatement>(s);
  EXPECT_EQ(update.table, "t");
  EXPECT_EQ(update.alias, "x");
  ASSERT_EQ(update.set.size(), 2u);
  EXPECT_EQ(update.set[0].column, "a");
  EXPECT_EQ(update.set[1].value->ToString(), "(b + u.c)");
  ASSERT_NE(update.from, nullptr);
  EXPECT_EQ(update.from->kind, TableRefKind::kJoin);
  EXPECT_EQ(update.where->ToString(), "(x.id = u.id)");
  EXPECT_EQ(update.returning.size(), 1u);
  StatementPtr plain = ParseOne("UPDATE t SET a = DEFAULT");
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(As<UpdateStatement>(plain).from, nullptr);
  EXPECT_EQ(As<UpdateStatement>(plain).where, nullptr);
  EXPECT_EQ(As<UpdateStatement>(plain).set[0].value->kind, ExprKind::kDefault);
  EXPECT_NE(ParseError("UPDATE t SET (a, b) = (1, 2)").find("Not implemented"), std::string::npos);
}

TEST(DeleteTest, UsingWhereReturning) {
  StatementPtr s = ParseOne("DELETE FROM s.t USING u, v WHERE t.a = u.a RETURNING a");
  ASSERT_NE(s, nullptr);
  auto& del = As<DeleteStatement>(s);
  EXPECT_EQ(del.schema, "s");
  EXPECT_EQ(del.table, "t");
  EXPECT_EQ(del.using_tables.size(), 2u);
  EXPECT_EQ(del.where->ToString(), "(t.a = u.a)");
  EXPECT_EQ(del.returning.size(), 1u);
  auto truncate = Parser::Parse("TRUNCATE a, b");
  ASSERT_TRUE(truncate.ok());
  ASSERT_EQ(truncate->size(), 2u);
  EXPECT_EQ((*truncate)[1]->As<DeleteStatement>().table, "b");
  EXPECT_EQ((*truncate)[1]->As<DeleteStatement>().where, nullptr);
}

TEST(UtilityTest, Explain) {
  StatementPtr plain = ParseOne("EXPLAIN SELECT 1");
  ASSERT_NE(plain, nullptr);
  auto& explain = As<ExplainStatement>(plain);
  EXPECT_FALSE(explain.analyze);
  EXPECT_EQ(explain.format, ExplainFormat::kText);
  ASSERT_NE(explain.statement, nullptr);
  EXPECT_EQ(explain.statement->kind, StatementKind::kSelect);
  StatementPtr analyze = ParseOne("EXPLAIN ANALYZE SELECT 1");
  ASSERT_NE(analyze, nullptr);
  EXPECT_TRUE(As<ExplainStatement>(analyze).analyze);
  StatementPtr json = ParseOne("EXPLAIN (FORMAT JSON) SELECT 1");
  ASSERT_NE(json, nullptr);
  EXPECT_EQ(As<ExplainStatement>(json).format, ExplainFormat::kJson);
  StatementPtr insert = ParseOne("EXPLAIN INSERT INTO t VALUES (1)");
  ASSERT_NE(insert, nullptr);
  EXPECT_EQ(As<ExplainStatement>(insert).statement->kind, StatementKind::kInsert);
}

TEST(UtilityTest, SetResetShow) {
  StatementPtr threads = ParseOne("SET threads = 4");
  ASSERT_NE(threads, nullptr);
  EXPECT_EQ(As<SetStatement>(threads).name, "threads");
  EXPECT_EQ(As<SetStatement>(threads).value->ToString(), "4");
  EXPECT_EQ(As<SetStatement>(threads).scope, SetScope::kDefault);
  StatementPtr memory = ParseOne("SET memory_limit = '4GB'");
  ASSERT_NE(memory, nullptr);
  EXPECT_EQ(As<SetStatement>(memory).value->As<ConstantExpr>().value.GetString(), "4GB");
  StatementPtr to = ParseOne("SET default_order TO desc_order");
  ASSERT_NE(to, nullptr);
  EXPECT_EQ(As<SetStatement>(to).value->As<ConstantExpr>().value, Value::Varchar("desc_order"));
  StatementPtr global = ParseOne("SET GLOBAL threads = 2");
  ASSERT_NE(global, nullptr);
  EXPECT_EQ(As<SetStatement>(global).scope, SetScope::kGlobal);
  StatementPtr session = ParseOne("SET SESSION x = 1");
  ASSERT_NE(session, nullptr);
  EXPECT_EQ(As<SetStatement>(session).scope, SetScope::kSession);
  StatementPtr local = ParseOne("SET LOCAL x = 1");
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(As<SetStatement>(local).scope, SetScope::kLocal);
  StatementPtr reset = ParseOne("RESET threads");
  ASSERT_NE(reset, nullptr);
  EXPECT_EQ(As<ResetStatement>(reset).name, "threads");
  StatementPtr show = ParseOne("SHOW threads");
  ASSERT_NE(show, nullptr);
  EXPECT_EQ(As<ShowStatement>(show).show_kind, ShowStatement::Kind::kVariable);
  EXPECT_EQ(As<ShowStatement>(show).name, "threads");
  StatementPtr tables = ParseOne("SHOW TABLES");
  ASSERT_NE(tables, nullptr);
  EXPECT_EQ(As<ShowStatement>(tables).show_kind, ShowStatement::Kind::kTables);
}

TEST(UtilityTest, Transactions) {
  const std::pair<std::string, TransactionKind> cases[] = {
      {"BEGIN", TransactionKind::kBegin},
      {"BEGIN TRANSACTION", TransactionKind::kBegin},
      {"START TRANSACTION", TransactionKind::kBegin},
      {"COMMIT", TransactionKind::kCommit},
      {"END", TransactionKind::kCommit},
      {"ROLLBACK", TransactionKind::kRollback},
      {"ABORT", TransactionKind::kRollback},
  };
  for (const auto& [sql, kind] : cases) {
    StatementPtr s = ParseOne(sql);
    ASSERT_NE(s, nullptr) << sql;
    EXPECT_EQ(As<TransactionStatement>(s).transaction_kind, kind) << sql;
  }
  EXPECT_NE(ParseError("SAVEPOINT x").find("Not implemented"), std::string::npos);
}

TEST(UtilityTest, Copy) {
  StatementPtr from = ParseOne(
      "COPY s.t (a, b) FROM 'data.csv' (HEADER, DELIMITER '|', FORMAT csv, NULL '', "
      "SKIP 2)");
  ASSERT_NE(from, nullptr);
  auto& copy = As<CopyStatement>(from);
  EXPECT_TRUE(copy.is_from);
  EXPECT_EQ(copy.schema, "s");
  EXPECT_EQ(copy.table, "t");
  EXPECT_EQ(copy.columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(copy.path, "data.csv");
  ASSERT_EQ(copy.options.size(), 5u);
  EXPECT_EQ(copy.options[0].first, "header");
  EXPECT_EQ(copy.options[0].second, Value::Boolean(true));
  EXPECT_EQ(copy.options[1].first, "delimiter");
  EXPECT_EQ(copy.options[1].second, Value::Varchar("|"));
  EXPECT_EQ(copy.options[2].second, Value::Varchar("csv"));
  EXPECT_EQ(copy.options[3].first, "null");
  EXPECT_EQ(copy.options[3].second, Value::Varchar(""));
  EXPECT_EQ(copy.options[4].second, Value::Integer(2));
  StatementPtr to = ParseOne("COPY (SELECT * FROM t) TO 'out.csv' WITH (FORMAT 'csv')");
  ASSERT_NE(to, nullptr);
  EXPECT_FALSE(As<CopyStatement>(to).is_from);
  ASSERT_NE(As<CopyStatement>(to).query, nullptr);
  EXPECT_EQ(As<CopyStatement>(to).query->ToString(), "SELECT * FROM t");
  StatementPtr booleans = ParseOne("COPY t FROM 'f' (HEADER false, QUOTE 'true')");
  ASSERT_NE(booleans, nullptr);
  EXPECT_EQ(As<CopyStatement>(booleans).options[0].second, Value::Boolean(false));
  EXPECT_EQ(As<CopyStatement>(booleans).options[1].second, Value::Varchar("true"));
  StatementPtr legacy = ParseOne("COPY t TO 'x.csv' WITH DELIMITER ',' CSV HEADER");
  ASSERT_NE(legacy, nullptr);
  EXPECT_EQ(As<CopyStatement>(legacy).options.size(), 3u);
  EXPECT_NE(ParseError("COPY t FROM STDIN").find("Not implemented"), std::string::npos);
}

TEST(UtilityTest, CheckpointVacuumCall) {
  StatementPtr checkpoint = ParseOne("CHECKPOINT");
  ASSERT_NE(checkpoint, nullptr);
  EXPECT_FALSE(As<CheckpointStatement>(checkpoint).force);
  StatementPtr force = ParseOne("FORCE CHECKPOINT");
  ASSERT_NE(force, nullptr);
  EXPECT_TRUE(As<CheckpointStatement>(force).force);
  StatementPtr vacuum = ParseOne("VACUUM");
  ASSERT_NE(vacuum, nullptr);
  EXPECT_EQ(As<VacuumStatement>(vacuum).table, "");
  StatementPtr vacuum_t = ParseOne("VACUUM ANALYZE t");
  ASSERT_NE(vacuum_t, nullptr);
  EXPECT_EQ(As<VacuumStatement>(vacuum_t).table, "t");
  EXPECT_TRUE(As<VacuumStatement>(vacuum_t).analyze);
  StatementPtr analyze = ParseOne("ANALYZE");
  ASSERT_NE(analyze, nullptr);
  EXPECT_TRUE(As<VacuumStatement>(analyze).analyze);
  StatementPtr call = ParseOne("CALL pragma_version(1, 'x')");
  ASSERT_NE(call, nullptr);
  ASSERT_NE(As<CallStatement>(call).function, nullptr);
  EXPECT_EQ(As<CallStatement>(call).function->name, "pragma_version");
  EXPECT_EQ(As<CallStatement>(call).function->args.size(), 2u);
}

TEST(UtilityTest, PrepareExecuteDeallocate) {
  StatementPtr prepare = ParseOne("PREPARE q AS SELECT * FROM t WHERE a = $1 AND b = $2");
  ASSERT_NE(prepare, nullptr);
  auto& p = As<PrepareStatement>(prepare);
  EXPECT_EQ(p.name, "q");
  ASSERT_NE(p.statement, nullptr);
  EXPECT_EQ(p.statement->kind, StatementKind::kSelect);
  EXPECT_EQ(p.statement->parameter_count, 2);
  EXPECT_EQ(prepare->parameter_count, 2);
  EXPECT_EQ(p.statement->text, prepare->text);
  StatementPtr question = ParseOne("PREPARE v1 AS INSERT INTO t VALUES (?, ?)");
  ASSERT_NE(question, nullptr);
  EXPECT_EQ(As<PrepareStatement>(question).statement->parameter_count, 2);
  StatementPtr execute = ParseOne("EXECUTE q(1, 'x')");
  ASSERT_NE(execute, nullptr);
  EXPECT_EQ(As<ExecuteStatement>(execute).name, "q");
  EXPECT_EQ(As<ExecuteStatement>(execute).args.size(), 2u);
  StatementPtr bare = ParseOne("EXECUTE q");
  ASSERT_NE(bare, nullptr);
  EXPECT_TRUE(As<ExecuteStatement>(bare).args.empty());
  StatementPtr deallocate = ParseOne("DEALLOCATE PREPARE q");
  ASSERT_NE(deallocate, nullptr);
  EXPECT_EQ(As<DeallocateStatement>(deallocate).name, "q");
  StatementPtr all = ParseOne("DEALLOCATE ALL");
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(As<DeallocateStatement>(all).name, "");
}

TEST(UtilityTest, CreateSequenceOptions) {
  StatementPtr statement =
      ParseOne("CREATE SEQUENCE IF NOT EXISTS s.q INCREMENT BY -3 MINVALUE -9000000000 NO "
               "MAXVALUE START WITH 10 CYCLE");
  ASSERT_NE(statement, nullptr);
  const auto& create = As<CreateSequenceStatement>(statement);
  EXPECT_EQ(create.schema, "s");
  EXPECT_EQ(create.name, "q");
  EXPECT_TRUE(create.if_not_exists);
  EXPECT_EQ(create.increment, -3);
  EXPECT_EQ(create.min_value, -9000000000);
  EXPECT_FALSE(create.max_value.has_value());
  EXPECT_EQ(create.start, 10);
  EXPECT_TRUE(create.cycle);
  EXPECT_NE(ParseError("CREATE SEQUENCE q INCREMENT 0").find("Increment must not be zero"),
            std::string::npos);
}

TEST(UtilityTest, UnsupportedStatementsSayWhat) {
  EXPECT_NE(ParseError("CREATE SEQUENCE s OWNED BY t.a").find("Not implemented Error"),
            std::string::npos);
  EXPECT_NE(ParseError("CREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql")
                .find("Not implemented Error"),
            std::string::npos);
  EXPECT_NE(ParseError("GRANT SELECT ON t TO u").find("Not implemented Error"), std::string::npos);
  EXPECT_NE(
      ParseError("CREATE TRIGGER tr UPDATE ON t BEGIN SELECT 1; END").find("Not implemented Error"),
      std::string::npos);
  EXPECT_NE(ParseError("ATTACH 'x.db'").find("Not implemented Error: ATTACH"), std::string::npos);
}

}  // namespace
}  // namespace fluxdb::ast
