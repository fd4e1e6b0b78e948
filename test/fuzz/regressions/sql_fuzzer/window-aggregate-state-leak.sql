-- A window aggregate whose frame fails on a later row (RANGE offset 3 - k is -1 on k = 4) once
-- leaked the string_agg / median state built for the rows before (LeakSanitizer).
CREATE TABLE w(k INTEGER, s VARCHAR);
INSERT INTO w SELECT i, repeat(CAST(i AS VARCHAR), 40) FROM range(1, 6) r(i);
SELECT k, string_agg(s, ',') OVER (ORDER BY k RANGE BETWEEN 3 - k PRECEDING AND CURRENT ROW) FROM w;
SELECT k, median(k) OVER (ORDER BY k RANGE BETWEEN 3 - k PRECEDING AND CURRENT ROW) FROM w;
