-- Micro-benchmark tables, made from the same formula in every engine. The SERIES placeholder of N
-- rows is replaced by a subquery with one BIGINT column x = 0 .. N-1: FluxDB and DuckDB `range(N)`, SQLite
-- `generate_series(0, N-1)`. Only + * % and || are used, which mean the same in all three engines
-- (no `/`: it divides integers in SQLite, not in DuckDB). 7919 and 104729 are primes, so
-- (x * 7919) % N_FACTS is a permutation of 0 .. N_FACTS-1 and k covers all of 0 .. N_DIM-1.
CREATE TABLE ints AS SELECT x AS i FROM ${SERIES:N_INTS};
CREATE TABLE facts AS
SELECT
  x AS id,                                       -- sorted: zone maps prune range predicates
  (x * 7919) % 10 AS g10,                        -- 10 groups
  (x * 7919) % ${N_FACTS} AS gbig,               -- N_FACTS distinct values (one per row)
  (x * 104729) % ${N_DIM} AS k,                  -- join key into dim, N_DIM distinct values
  (x * 31) % 1000 AS v,                          -- 0 .. 999, uniform
  'category_' || CAST((x * 13) % 100 AS VARCHAR) AS cat  -- 100 distinct strings
FROM ${SERIES:N_FACTS};
CREATE TABLE dim AS SELECT x AS id, (x * 37) % 1000 AS w FROM ${SERIES:N_DIM};
