-- Ticket numbers customers see start at T-1001 (the sequence keeps counting from the highest number used).
SELECT setval(pg_get_serial_sequence('"Ticket"', 'number'), GREATEST(1000, (SELECT COALESCE(MAX("number"), 0) FROM "Ticket")));
