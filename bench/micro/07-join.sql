-- Hash join of 10M probe rows with a 1M-row build side (every probe row finds one match).
SELECT count(*), sum(d.w), sum(f.v) FROM facts AS f JOIN dim AS d ON f.k = d.id;
