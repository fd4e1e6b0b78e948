-- Non-selective filter: 99% of 10M rows qualify.
SELECT count(*), sum(gbig) FROM facts WHERE v >= 10;
