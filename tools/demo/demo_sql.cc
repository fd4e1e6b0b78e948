#include "tools/demo/demo_sql.h"

#include <cstdio>
#include <string_view>

#include "common/status.h"
#include "tools/demo/word_lists.h"

namespace fluxdb::demo {

namespace {

// The calendar helper table numbers the days from kCalendarStart.
constexpr int kCalendarStartYear = 2015;
constexpr int kCalendarDays = 3'670;  // 2015-01-01 .. 2025-01-18
// Day numbers (from 2015-01-01) of the ranges the data covers.
constexpr int kSignupsFrom = 1'096;   // 2018-01-01
constexpr int kOrdersFrom = 1'461;    // 2019-01-01
constexpr int kLastOrderDay = 3'652;  // 2024-12-31

// Multipliers of the hash's first round: primes below 2^31.
constexpr long long kMultipliers[] = {1'103'515'245 % 2'147'483'647,
                                      2'147'483'629,
                                      1'999'999'973,
                                      1'500'000'001,
                                      1'234'567'891,
                                      1'073'741'789,
                                      987'654'319,
                                      1'800'000'011};

std::string Quote(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

std::string Lower(std::string_view text) {
  std::string lower;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') {
      lower += static_cast<char>(c - 'A' + 'a');
    } else if (c != ' ' && c != '-') {
      lower += c;
    }
  }
  return lower;
}

/// Days since 1970-01-01 -> "YYYY-MM-DD" (proleptic Gregorian calendar).
std::string CivilDate(long days) {
  days += 719'468;
  long era = (days >= 0 ? days : days - 146'096) / 146'097;
  long doe = days - era * 146'097;
  long yoe = (doe - doe / 1'460 + doe / 36'524 - doe / 146'096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  char text[48];  // room for any long year, so the format cannot truncate
  std::snprintf(text, sizeof(text), "%04ld-%02ld-%02ld", m <= 2 ? y + 1 : y, m, d);
  return text;
}

/// Days from 1970-01-01 to January 1st of `year`.
long DaysToYear(int year) {
  long days = 0;
  for (int y = 1970; y < year; y++) {
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    days += leap ? 366 : 365;
  }
  return days;
}

/// Day number (from the calendar start) of November 1st of `year`.
int NovemberFirst(int year) {
  long start = DaysToYear(kCalendarStartYear);
  long nov =
      DaysToYear(year) + 304 + (((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 1 : 0);
  return static_cast<int>(nov - start);
}

/// INSERT statements for `rows` (each a parenthesised tuple), in batches.
std::vector<std::string> InsertRows(const std::string& table,
                                    const std::vector<std::string>& rows) {
  std::vector<std::string> statements;
  constexpr size_t kBatch = 1000;
  for (size_t i = 0; i < rows.size(); i += kBatch) {
    std::string sql = Concat("INSERT INTO ", table, " VALUES ");
    for (size_t k = i; k < rows.size() && k < i + kBatch; k++) {
      if (k > i) sql += ", ";
      sql += rows[k];
    }
    statements.push_back(sql);
  }
  return statements;
}

DemoStep HelperTables() {
  DemoStep step;
  auto& s = step.statements;
  auto words = [&](const std::string& table, const std::vector<std::string_view>& list) {
    s.push_back(Concat("CREATE TABLE ", table, "(i INTEGER, word VARCHAR, lower_word VARCHAR)"));
    std::vector<std::string> rows;
    for (size_t i = 0; i < list.size(); i++) {
      rows.push_back(Concat("(", i, ", ", Quote(list[i]), ", ", Quote(Lower(list[i])), ")"));
    }
    for (auto& sql : InsertRows(table, rows)) s.push_back(std::move(sql));
  };
  words("tmp_first_names", FirstNames());
  words("tmp_last_names", LastNames());
  words("tmp_adjectives", ProductAdjectives());
  words("tmp_brands", Brands());
  words("tmp_domains", EmailDomains());

  // Cities repeated by weight, so that a uniform slot picks big cities more often.
  s.push_back(
      "CREATE TABLE tmp_city_slots(slot INTEGER, city VARCHAR, country VARCHAR, "
      "region VARCHAR)");
  std::vector<std::string> rows;
  for (const City& city : Cities()) {
    for (int k = 0; k < city.weight; k++) {
      rows.push_back(Concat("(", rows.size(), ", ", Quote(city.city), ", ", Quote(city.country),
                            ", ", Quote(city.region), ")"));
    }
  }
  for (auto& sql : InsertRows("tmp_city_slots", rows)) s.push_back(std::move(sql));

  s.push_back(
      "CREATE TABLE tmp_nouns(i INTEGER, noun VARCHAR, category VARCHAR, "
      "base_cents INTEGER)");
  rows.clear();
  for (const ProductNoun& noun : ProductNouns()) {
    rows.push_back(Concat("(", rows.size(), ", ", Quote(noun.noun), ", ", Quote(noun.category),
                          ", ", noun.base_price_cents, ")"));
  }
  for (auto& sql : InsertRows("tmp_nouns", rows)) s.push_back(std::move(sql));

  s.push_back("CREATE TABLE tmp_calendar(i INTEGER, d DATE, s VARCHAR)");
  rows.clear();
  long start = DaysToYear(kCalendarStartYear);
  for (int i = 0; i < kCalendarDays; i++) {
    std::string date = CivilDate(start + i);
    rows.push_back(Concat("(", i, ", DATE '", date, "', '", date, "')"));
  }
  for (auto& sql : InsertRows("tmp_calendar", rows)) s.push_back(std::move(sql));
  return step;
}

/// Integer division, parenthesised on both sides: the parser gives `//` the lowest precedence
/// (`a // b + c` is `a // (b + c)`), unlike DuckDB.
std::string Div(const std::string& a, const std::string& b) {
  return Concat("((", a, ") // (", b, "))");
}

/// "07" for 7: two digits of an integer expression below 100.
std::string TwoDigits(const std::string& x) {
  return Concat("(CASE WHEN ", x, " < 10 THEN '0' ELSE '' END || CAST(", x, " AS VARCHAR))");
}

/// CASE picking one of `choices` by cumulative percentages of `percent` (an expression 0..99).
std::string PickByPercent(const std::string& percent,
                          const std::vector<std::pair<int, std::string>>& choices) {
  std::string sql = "CASE";
  int cumulative = 0;
  for (size_t i = 0; i + 1 < choices.size(); i++) {
    cumulative += choices[i].first;
    sql += Concat(" WHEN ", percent, " < ", cumulative, " THEN ", choices[i].second);
  }
  return Concat(sql, " ELSE ", choices.back().second, " END");
}

DemoStep Customers(const DemoSizes& sizes) {
  DemoStep step{"customers", "customers", {}};
  int city_slots = 0;
  for (const City& city : Cities()) city_slots += city.weight;
  int signup_span = kLastOrderDay - kSignupsFrom + 1;
  step.statements.push_back(
      "CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, first_name VARCHAR NOT NULL, "
      "last_name VARCHAR NOT NULL, email VARCHAR, city VARCHAR, country VARCHAR, region VARCHAR, "
      "signup_date DATE NOT NULL, segment VARCHAR, loyalty_tier VARCHAR, birth_year INTEGER)");
  step.statements.push_back(Concat(
      "INSERT INTO customers WITH base AS (SELECT range + 1 AS id, ", HashSql("range", 1),
      " AS h1, ", HashSql("range", 2), " AS h2, ", HashSql("range", 3), " AS h3, ",
      HashSql("range", 4), " AS h4, ", HashSql("range", 5), " AS h5 FROM range(", sizes.customers,
      ")) SELECT id, f.word, l.word, ",
      // A few addresses are missing; some carry a number to stay unique.
      "CASE WHEN h4 % 100 < 4 THEN NULL ELSE f.lower_word || '.' || l.lower_word || ",
      "CASE WHEN h4 % 3 = 0 THEN CAST(h4 % 97 AS VARCHAR) ELSE '' END || '@' || d.word END, ",
      "c.city, c.country, c.region, cal.d, ",
      PickByPercent("h5 % 100", {{58, "'Consumer'"},
                                 {24, "'Small Business'"},
                                 {12, "'Corporate'"},
                                 {6, "'Home Office'"}}),
      ", ",
      PickByPercent("h3 % 100", {{45, "NULL"}, {30, "'Bronze'"}, {17, "'Silver'"}, {8, "'Gold'"}}),
      ", CASE WHEN h2 % 10 = 0 THEN NULL ELSE 1946 + (((h2) // (10))) % 58 END ",
      "FROM base JOIN tmp_first_names f ON f.i = h1 % ", FirstNames().size(),
      " JOIN tmp_last_names l ON l.i = (((h1) // (64))) % ", LastNames().size(),
      " JOIN tmp_domains d ON d.i = (((h2) // (1000))) % ", EmailDomains().size(),
      " JOIN tmp_city_slots c ON c.slot = (((h3) // (100))) % ", city_slots,
      // Customer ids follow the signup order.
      " JOIN tmp_calendar cal ON cal.i = ", kSignupsFrom, " + ",
      Div(Concat("(id - 1) * ", signup_span), std::to_string(sizes.customers)), " ORDER BY id"));
  return step;
}

DemoStep Products(const DemoSizes& sizes) {
  DemoStep step{"products", "products", {}};
  step.statements.push_back(
      "CREATE TABLE products(product_id INTEGER PRIMARY KEY, sku VARCHAR NOT NULL, "
      "name VARCHAR NOT NULL, category VARCHAR NOT NULL, brand VARCHAR, price DECIMAL(10,2) NOT "
      "NULL, cost DECIMAL(10,2), launched_on DATE, rating DECIMAL(2,1), in_stock BOOLEAN)");
  // Prices end in .99 and spread from 0.6 to 1.6 times the noun's typical price.
  std::string dollars = Concat("(", Div("n.base_cents * (60 + h2 % 100)", "10000"), " + 1)");
  step.statements.push_back(Concat(
      "INSERT INTO products WITH base AS (SELECT range + 1 AS id, ", HashSql("range", 31),
      " AS h1, ", HashSql("range", 32), " AS h2, ", HashSql("range", 33), " AS h3, ",
      HashSql("range", 34), " AS h4 FROM range(", sizes.products,
      ")) SELECT id, 'FX-' || CAST(100000 + id * 7 AS VARCHAR), a.word || ' ' || n.noun, ",
      "n.category, CASE WHEN h4 % 50 = 0 THEN NULL ELSE b.word END, ", "CAST((", dollars,
      " * 100 - 1) / 100.0 AS DECIMAL(10,2)), ", "CAST(",
      Div(Concat("(", dollars, " * 100 - 1) * (35 + h3 % 40)"), "100"),
      " / 100.0 AS DECIMAL(10,2)), ",
      "cal.d, CASE WHEN h4 % 100 < 12 THEN NULL ELSE CAST((25 + (((h4) // (100))) % 26) / 10.0 AS ",
      "DECIMAL(2,1)) END, (((h3) // (100))) % 100 >= 7 ",
      "FROM base JOIN tmp_nouns n ON n.i = h1 % ", ProductNouns().size(),
      " JOIN tmp_adjectives a ON a.i = (((h1) // (1000))) % ", ProductAdjectives().size(),
      " JOIN tmp_brands b ON b.i = (((h4) // (10000))) % ", Brands().size(),
      " JOIN tmp_calendar cal ON cal.i = ((h2) // (1000)) % ", kLastOrderDay, " ORDER BY id"));
  return step;
}

DemoStep Orders(const DemoSizes& sizes) {
  DemoStep step{"orders", "orders", {}};
  step.statements.push_back(
      "CREATE TABLE orders(order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, "
      "order_date DATE NOT NULL, ordered_at TIMESTAMP NOT NULL, status VARCHAR NOT NULL, "
      "channel VARCHAR, payment_method VARCHAR, coupon_code VARCHAR, shipped_date DATE)");
  const int span = kLastOrderDay - kOrdersFrom + 1;
  // Business grows: the later of two uniform days, so recent days get more orders; and one
  // order in eight falls in a November-December holiday season.
  std::string season = "CASE (((h3) // (100))) % 6";
  for (int y = 0; y < 6; y++) season += Concat(" WHEN ", y, " THEN ", NovemberFirst(2019 + y));
  season += " END + h4 % 61";
  std::string day =
      Concat("CASE WHEN h3 % 100 < 12 THEN ", season, " ELSE ", kOrdersFrom, " + CASE WHEN h1 % ",
             span, " > h2 % ", span, " THEN h1 % ", span, " ELSE h2 % ", span, " END END");
  int signup_span = kLastOrderDay - kSignupsFrom + 1;
  // Only customers who signed up by the order's day; the early ones buy more.
  std::string eligible = Div(Concat("(day - ", kSignupsFrom, " + 1) * ", sizes.customers),
                             std::to_string(signup_span));
  std::string customer = Concat("1 + CASE WHEN h5 % 10 < 4 THEN h6 % (", Div(eligible, "5"),
                                " + 1) ELSE h6 % ", eligible, " END");
  std::string status = Concat(
      "CASE WHEN day > ", kLastOrderDay - 3, " THEN 'processing' WHEN day > ", kLastOrderDay - 9,
      " THEN CASE WHEN h7 % 3 = 0 THEN 'processing' ELSE 'shipped' END ELSE ",
      PickByPercent("h7 % 100", {{5, "'cancelled'"}, {4, "'returned'"}, {91, "'delivered'"}}),
      " END");
  std::string hour =
      "CASE WHEN h8 % 10 < 8 THEN 8 + (((h8) // (10))) % 15 ELSE (((h8) // (10))) % 24 END";
  step.statements.push_back(Concat(
      "INSERT INTO orders WITH base AS (SELECT range + 1 AS id, ", HashSql("range", 11), " AS h1, ",
      HashSql("range", 12), " AS h2, ", HashSql("range", 13), " AS h3, ", HashSql("range", 14),
      " AS h4, ", HashSql("range", 15), " AS h5, ", HashSql("range", 16), " AS h6, ",
      HashSql("range", 17), " AS h7, ", HashSql("range", 18), " AS h8 FROM range(", sizes.orders,
      ")), dated AS (SELECT *, ", day, " AS day FROM base), ", "shaped AS (SELECT *, ", customer,
      " AS customer_id, ", status, " AS status, ", hour, " AS hour FROM dated) ",
      "SELECT id, customer_id, cal.d, CAST(cal.s || ' ' || ", TwoDigits("hour"), " || ':' || ",
      TwoDigits("((h8) // (1000)) % 60"), " || ':' || ", TwoDigits("((h8) // (100000)) % 60"),
      " AS TIMESTAMP), status, ",
      PickByPercent("((h5) // (10)) % 100",
                    {{52, "'web'"}, {31, "'mobile'"}, {12, "'store'"}, {5, "'phone'"}}),
      ", ",
      PickByPercent("((h6) // (7)) % 100",
                    {{61, "'card'"}, {22, "'paypal'"}, {9, "'bank_transfer'"}, {8, "'gift_card'"}}),
      ", ",
      PickByPercent("((h7) // (100)) % 100", {{88, "NULL"},
                                              {4, "'WELCOME10'"},
                                              {3, "'FREESHIP'"},
                                              {3, "'SPRING15'"},
                                              {2, "'LOYALTY5'"}}),
      ", CASE WHEN status IN ('processing', 'cancelled') THEN NULL ELSE ship.d END ",
      "FROM shaped JOIN tmp_calendar cal ON cal.i = day ",
      "JOIN tmp_calendar ship ON ship.i = day + 1 + ((h4) // (100)) % 5 ORDER BY id"));
  return step;
}

DemoStep OrderItems(const DemoSizes& sizes) {
  DemoStep step{"order_items", "order_items", {}};
  step.statements.push_back(
      "CREATE TABLE order_items(order_id INTEGER NOT NULL, line_number INTEGER NOT NULL, "
      "product_id INTEGER NOT NULL, quantity INTEGER NOT NULL, unit_price DECIMAL(10,2) NOT NULL, "
      "discount DECIMAL(3,2) NOT NULL, PRIMARY KEY (order_id, line_number))");
  constexpr int kMaxLines = 6;
  // Lines per order: 1 to 6, 3.15 on average.
  std::string lines =
      "CASE WHEN ho % 20 < 4 THEN 1 WHEN ho % 20 < 8 THEN 2 WHEN ho % 20 < 12 "
      "THEN 3 WHEN ho % 20 < 15 THEN 4 WHEN ho % 20 < 18 THEN 5 ELSE 6 END";
  // Popular products: a skewed pick, low ids more often.
  std::string product = Concat(
      "1 + ", Div(Concat("(h1 % ", sizes.products, ") * (((h1) // (7)) % ", sizes.products, ")"),
                  std::to_string(sizes.products)));
  step.statements.push_back(Concat(
      "INSERT INTO order_items WITH base AS (SELECT ", Div("range", std::to_string(kMaxLines)),
      " + 1 AS order_id, range % ", kMaxLines, " + 1 AS line_number, ",
      HashSql(Div("range", std::to_string(kMaxLines)), 21), " AS ho, ", HashSql("range", 22),
      " AS h1, ", HashSql("range", 23), " AS h2 FROM range(",
      static_cast<long long>(sizes.orders) * kMaxLines, ")), kept AS (SELECT *, ", product,
      " AS product_id FROM base WHERE line_number <= ", lines, ") ",
      "SELECT order_id, line_number, p.product_id, ",
      PickByPercent("h2 % 100", {{70, "1"}, {18, "2"}, {8, "3"}, {4, "4 + ((h2) // (100)) % 3"}}),
      ", p.price, ",
      PickByPercent("((h2) // (1000)) % 100", {{78, "CAST(0 AS DECIMAL(3,2))"},
                                               {12, "CAST(0.10 AS DECIMAL(3,2))"},
                                               {7, "CAST(0.15 AS DECIMAL(3,2))"},
                                               {3, "CAST(0.25 AS DECIMAL(3,2))"}}),
      " FROM kept JOIN products p ON p.product_id = kept.product_id ",
      "ORDER BY order_id, line_number"));
  return step;
}

}  // namespace

std::string HashSql(const std::string& x, int salt) {
  long long multiplier = kMultipliers[static_cast<size_t>(salt) % std::size(kMultipliers)];
  // First round: an affine map modulo the prime 2^31 - 1; second round: squaring, which is not
  // linear, so that neighbouring rows and different salts do not line up.
  std::string first =
      Concat("(((", x, ") * ", multiplier, " + ", 7919LL * salt + 12345, ") % 2147483647)");
  return Concat("((", first, " * ", first, " + ", salt, ") % 2147483647)");
}

std::vector<DemoStep> DemoSteps(const DemoSizes& sizes) {
  std::vector<DemoStep> steps;
  steps.push_back(HelperTables());
  steps.push_back(Customers(sizes));
  steps.push_back(Products(sizes));
  steps.push_back(Orders(sizes));
  steps.push_back(OrderItems(sizes));
  DemoStep finish;
  finish.statements = {
      "CREATE VIEW order_totals AS SELECT order_id, count(*) AS items, sum(quantity) AS units, "
      "sum(quantity * unit_price * (1 - discount)) AS total FROM order_items GROUP BY order_id",
      "DROP TABLE tmp_first_names",
      "DROP TABLE tmp_last_names",
      "DROP TABLE tmp_adjectives",
      "DROP TABLE tmp_brands",
      "DROP TABLE tmp_domains",
      "DROP TABLE tmp_city_slots",
      "DROP TABLE tmp_nouns",
      "DROP TABLE tmp_calendar",
      "CHECKPOINT"};
  steps.push_back(finish);
  return steps;
}

}  // namespace fluxdb::demo
