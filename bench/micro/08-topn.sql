-- ORDER BY ... LIMIT 100 over 10M rows (the second key makes the order total).
SELECT id, v, gbig FROM facts ORDER BY v DESC, gbig LIMIT 100;
