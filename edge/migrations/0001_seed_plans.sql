-- Seed the two plans of DESIGN.md (plans are data: admins add more through POST /v1/admin/plans).
INSERT INTO `plans` (`id`, `name`, `monthly_fee_micros`, `monthly_downloads`, `private_collections`, `early_access`)
VALUES ('payg', 'Pay as you go', 0, 1000, 0, 0)
ON CONFLICT(`id`) DO NOTHING;
--> statement-breakpoint
INSERT INTO `plans` (`id`, `name`, `monthly_fee_micros`, `monthly_downloads`, `private_collections`, `early_access`)
VALUES ('curation', 'Curation', 10000000, 10000, 1, 1)
ON CONFLICT(`id`) DO NOTHING;
