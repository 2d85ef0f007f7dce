CREATE TABLE `billing_accounts` (
	`account_id` text PRIMARY KEY NOT NULL,
	`customer_id` text,
	`subscription_id` text,
	`status` text DEFAULT 'active' NOT NULL,
	`pending_plan_id` text,
	`pending_from` text,
	`pending_reason` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `billing_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`received_at` text NOT NULL,
	`result` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`month` text NOT NULL,
	`plan_id` text NOT NULL,
	`plan_fee_micros` integer NOT NULL,
	`downloads` integer NOT NULL,
	`fees_micros` integer NOT NULL,
	`prices_micros` integer NOT NULL,
	`total_micros` integer NOT NULL,
	`currency` text NOT NULL,
	`plan_fee_minor` integer NOT NULL,
	`usage_minor` integer NOT NULL,
	`total_minor` integer NOT NULL,
	`closed_at` text NOT NULL,
	`provider_invoice_id` text,
	`payment_status` text NOT NULL,
	`payment_updated_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_account_month` ON `invoices` (`account_id`,`month`);--> statement-breakpoint
CREATE INDEX `invoices_month` ON `invoices` (`month`);--> statement-breakpoint
CREATE INDEX `invoices_provider` ON `invoices` (`provider_invoice_id`);--> statement-breakpoint
CREATE TABLE `month_closes` (
	`month` text PRIMARY KEY NOT NULL,
	`closed_at` text NOT NULL,
	`invoices` integer NOT NULL,
	`payouts` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payout_accounts` (
	`rights_holder` text PRIMARY KEY NOT NULL,
	`provider_account_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`rights_holder` text NOT NULL,
	`month` text NOT NULL,
	`downloads` integer NOT NULL,
	`prices_micros` integer NOT NULL,
	`fees_micros` integer NOT NULL,
	`carried_in_micros` integer NOT NULL,
	`payable_micros` integer NOT NULL,
	`paid_micros` integer NOT NULL,
	`carried_out_micros` integer NOT NULL,
	`threshold_micros` integer NOT NULL,
	`currency` text NOT NULL,
	`paid_minor` integer NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`closed_at` text NOT NULL,
	`provider_transfer_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_holder_month` ON `payouts` (`rights_holder`,`month`);--> statement-breakpoint
CREATE INDEX `payouts_month` ON `payouts` (`month`);--> statement-breakpoint
CREATE TABLE `plan_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`from_plan` text NOT NULL,
	`to_plan` text NOT NULL,
	`effective_month` text NOT NULL,
	`event` text NOT NULL,
	`reason` text NOT NULL,
	`by` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `plan_changes_account` ON `plan_changes` (`account_id`,`at`);