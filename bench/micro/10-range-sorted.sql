-- Range predicate on the sorted column id: 1,000 of 10M rows; chunk pruning (zone maps) should
-- make it near-instant. SQLite has no index here, so it scans.
SELECT count(*), sum(v) FROM facts WHERE id BETWEEN ${RANGE_LO} AND ${RANGE_HI};
