-- Selective filter: 0.1% of 10M rows qualify, spread over the whole table (no pruning).
SELECT count(*), sum(gbig) FROM facts WHERE v = 7;
