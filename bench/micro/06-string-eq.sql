-- Equality filter on a dictionary-encoded string column (100 distinct values, 1% qualify).
SELECT count(*), sum(v) FROM facts WHERE cat = 'category_42';
