-- Opt-in platform (#21): rights holders who sign up, their ownership claims, their submitted works.
CREATE TABLE `holder_claims` (
	`id` text PRIMARY KEY NOT NULL,
	`holder_id` text NOT NULL,
	`method` text NOT NULL,
	`subject` text NOT NULL,
	`token` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`note` text,
	`decided_by` text,
	`decided_at` text,
	`last_check` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`holder_id`) REFERENCES `holders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `holder_claims_holder` ON `holder_claims` (`holder_id`);--> statement-breakpoint
CREATE INDEX `holder_claims_status` ON `holder_claims` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `holders` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`status_note` text,
	`status_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holders_account_id_unique` ON `holders` (`account_id`);--> statement-breakpoint
CREATE INDEX `holders_status` ON `holders` (`status`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`holder_id` text NOT NULL,
	`title` text NOT NULL,
	`creator` text NOT NULL,
	`price_micros` integer NOT NULL,
	`generative_training` integer NOT NULL,
	`sha256` text NOT NULL,
	`incoming_key` text NOT NULL,
	`content_type` text NOT NULL,
	`format` text NOT NULL,
	`bytes` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`release_status` text,
	`release_reasons` text,
	`release_name` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`holder_id`) REFERENCES `holders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_item_id_unique` ON `submissions` (`item_id`);--> statement-breakpoint
CREATE INDEX `submissions_holder` ON `submissions` (`holder_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `submissions_sha` ON `submissions` (`sha256`);