-- Human loop (#14): the review queue, browser sessions, the consent-change feed, thumbnail lookups, spending caps.
CREATE TABLE `changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` text NOT NULL,
	`sha256` text,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`detail` text,
	`by` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `changes_item` ON `changes` (`item_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`evidence_hash` text NOT NULL,
	`source` text NOT NULL,
	`release` text NOT NULL,
	`main_code` text NOT NULL,
	`reasons` text NOT NULL,
	`evidence` text NOT NULL,
	`title` text NOT NULL,
	`sha256` text,
	`thumb_key` text,
	`status` text DEFAULT 'open' NOT NULL,
	`decided_licence` text,
	`decided_by` text,
	`decided_at` text,
	`note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_item_evidence` ON `reviews` (`item_id`,`evidence_hash`);--> statement-breakpoint
CREATE INDEX `reviews_status` ON `reviews` (`status`,`main_code`,`source`);--> statement-breakpoint
CREATE INDEX `reviews_decided` ON `reviews` (`decided_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`key_id` text NOT NULL,
	`csrf` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_account` ON `sessions` (`account_id`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `spend_cap_micros` integer;--> statement-breakpoint
CREATE INDEX `items_thumb` ON `items` (`thumb_key`);