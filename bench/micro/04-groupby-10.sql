-- GROUP BY with 10 groups over 10M rows.
SELECT g10, count(*), sum(v), avg(v) FROM facts GROUP BY g10 ORDER BY g10;
