-- Perceptual identity (#17): the catalogue record's fingerprint on items, copied into a withdrawal for `clearance pull`.
ALTER TABLE `items` ADD `fingerprint` text;--> statement-breakpoint
ALTER TABLE `withdrawals` ADD `fingerprint` text;