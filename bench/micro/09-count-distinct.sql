-- COUNT(DISTINCT) of a column with 1M distinct values over 10M rows.
SELECT count(DISTINCT k) FROM facts;
