-- GROUP BY with 10M groups (one row each); the outer aggregate keeps the result small.
SELECT count(*), sum(c), sum(s), max(s) FROM (SELECT gbig, count(*) AS c, sum(v) AS s FROM facts GROUP BY gbig) AS t;
