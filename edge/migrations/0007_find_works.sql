ALTER TABLE `flags` ADD `holder_id` text;--> statement-breakpoint
ALTER TABLE `holder_claims` ADD `item_id` text;--> statement-breakpoint
ALTER TABLE `holder_claims` ADD `evidence` text;--> statement-breakpoint
ALTER TABLE `items` ADD `fp_b0` text GENERATED ALWAYS AS (substr(fingerprint, 6, 4)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `items` ADD `fp_b1` text GENERATED ALWAYS AS (substr(fingerprint, 10, 4)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `items` ADD `fp_b2` text GENERATED ALWAYS AS (substr(fingerprint, 14, 4)) VIRTUAL;--> statement-breakpoint
ALTER TABLE `items` ADD `fp_b3` text GENERATED ALWAYS AS (substr(fingerprint, 18, 4)) VIRTUAL;--> statement-breakpoint
CREATE INDEX `items_fp_b0` ON `items` (`fp_b0`);--> statement-breakpoint
CREATE INDEX `items_fp_b1` ON `items` (`fp_b1`);--> statement-breakpoint
CREATE INDEX `items_fp_b2` ON `items` (`fp_b2`);--> statement-breakpoint
CREATE INDEX `items_fp_b3` ON `items` (`fp_b3`);--> statement-breakpoint
CREATE INDEX `items_sha256` ON `items` (`sha256`);--> statement-breakpoint
CREATE INDEX `items_source_sha256` ON `items` (`source_sha256`);