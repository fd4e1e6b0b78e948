-- Sum of N_INTS (100M) integers.
SELECT sum(i) FROM ints;
