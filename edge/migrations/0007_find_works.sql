CREATE TABLE `item_bands` (
	`band` integer NOT NULL,
	`value` text NOT NULL,
	`hash` text NOT NULL,
	`item_id` text NOT NULL,
	PRIMARY KEY(`band`, `value`, `hash`, `item_id`)
);
--> statement-breakpoint
CREATE INDEX `item_bands_item` ON `item_bands` (`item_id`);--> statement-breakpoint
ALTER TABLE `flags` ADD `holder_id` text;--> statement-breakpoint
ALTER TABLE `holder_claims` ADD `item_id` text;--> statement-breakpoint
ALTER TABLE `holder_claims` ADD `evidence` text;--> statement-breakpoint
CREATE INDEX `items_sha256` ON `items` (`sha256`);--> statement-breakpoint
CREATE INDEX `items_source_sha256` ON `items` (`source_sha256`);--> statement-breakpoint
-- "Find my works": item_bands holds each fingerprint's four 16-bit hash bands (services/find-index.ts); triggers keep it
-- in step with every insert, fingerprint change and delete of items, so publish writes nothing more; filled here from
-- the rows already published.
CREATE TRIGGER `items_bands_insert` AFTER INSERT ON `items` WHEN new.fingerprint LIKE 'pid1:%' BEGIN
  INSERT OR IGNORE INTO item_bands (band, value, hash, item_id)
    SELECT b, substr(new.fingerprint, 6 + 4 * b, 4), substr(new.fingerprint, 6, 16), new.id FROM (SELECT 0 AS b UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3);
END;--> statement-breakpoint
CREATE TRIGGER `items_bands_update` AFTER UPDATE OF id, fingerprint ON `items` BEGIN
  DELETE FROM item_bands WHERE item_id = old.id;
  INSERT OR IGNORE INTO item_bands (band, value, hash, item_id)
    SELECT b, substr(new.fingerprint, 6 + 4 * b, 4), substr(new.fingerprint, 6, 16), new.id FROM (SELECT 0 AS b UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)
    WHERE new.fingerprint LIKE 'pid1:%';
END;--> statement-breakpoint
CREATE TRIGGER `items_bands_delete` AFTER DELETE ON `items` BEGIN
  DELETE FROM item_bands WHERE item_id = old.id;
END;--> statement-breakpoint
INSERT OR IGNORE INTO item_bands (band, value, hash, item_id)
  SELECT b, substr(fingerprint, 6 + 4 * b, 4), substr(fingerprint, 6, 16), id FROM items, (SELECT 0 AS b UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)
  WHERE fingerprint LIKE 'pid1:%';
