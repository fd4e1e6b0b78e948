-- BIGINT * DECIMAL casts the BIGINT to a DECIMAL of its width; the binder read the expression's
-- type after moving it into the cast, which clang evaluates first (a null dereference in every
-- clang build, sql_fuzzer's own setup included; GCC happens to evaluate the other way).
SELECT range * 1.5, sum(range * 2.25) OVER () FROM range(3);
