-- Found by sql_fuzzer (a seed from DuckDB's corpus): the last interval text parsed to micros = -2^63
-- (the amount went through a double, 2^63, outside int64's range), and DATE - INTERVAL negated
-- it: signed overflow. Also the other ways to the smallest fields and to out-of-range amounts.
select '290309-12-22 (BC)'::date - interval (2147483647) day;
select '290309-12-22 (BC)'::date - interval (9999999999999) second;
select '290309-12-22 (BC)'::date - interval (9223372036854775807) microsecond;
select '290309-12-22 (BC)'::date - interval '1147483647 days 9223372036854775807 microseconds';
select -to_microseconds(-9223372036854775807 - 1);
select date '2000-01-01' - to_microseconds(-9223372036854775807 - 1);
select timestamp '2000-01-01' - to_days(-2147483647 - 1);
select interval '1e10 days', interval '99999999999:00:00', interval '-2147483648 days ago';
