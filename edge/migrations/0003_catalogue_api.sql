-- Catalogue API (#19, #20): served-file facts, metadata and safety scores on items, filter indexes, full-text search (FTS5), account safety defaults.
DROP INDEX `items_status`;--> statement-breakpoint
ALTER TABLE `items` ADD `source_sha256` text;--> statement-breakpoint
ALTER TABLE `items` ADD `width` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `height` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `format` text;--> statement-breakpoint
ALTER TABLE `items` ADD `licence_url` text;--> statement-breakpoint
ALTER TABLE `items` ADD `creator` text;--> statement-breakpoint
ALTER TABLE `items` ADD `description` text;--> statement-breakpoint
ALTER TABLE `items` ADD `tags` text;--> statement-breakpoint
ALTER TABLE `items` ADD `date` text;--> statement-breakpoint
ALTER TABLE `items` ADD `source` text;--> statement-breakpoint
ALTER TABLE `items` ADD `source_url` text;--> statement-breakpoint
ALTER TABLE `items` ADD `image_url` text;--> statement-breakpoint
ALTER TABLE `items` ADD `retrieved_at` text;--> statement-breakpoint
ALTER TABLE `items` ADD `nsfw` real;--> statement-breakpoint
ALTER TABLE `items` ADD `faces` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `face_score` real;--> statement-breakpoint
ALTER TABLE `items` ADD `text_pii` integer;--> statement-breakpoint
CREATE INDEX `items_source` ON `items` (`status`,`source`,`id`);--> statement-breakpoint
CREATE INDEX `items_licence` ON `items` (`status`,`licence`,`id`);--> statement-breakpoint
CREATE INDEX `items_format` ON `items` (`status`,`format`,`id`);--> statement-breakpoint
CREATE INDEX `items_release` ON `items` (`status`,`release`,`id`);--> statement-breakpoint
CREATE INDEX `items_width` ON `items` (`status`,`width`);--> statement-breakpoint
CREATE INDEX `items_height` ON `items` (`status`,`height`);--> statement-breakpoint
CREATE INDEX `items_nsfw` ON `items` (`status`,`nsfw`);--> statement-breakpoint
CREATE INDEX `items_faces` ON `items` (`status`,`faces`,`id`);--> statement-breakpoint
CREATE INDEX `items_text_pii` ON `items` (`status`,`text_pii`,`id`);--> statement-breakpoint
CREATE INDEX `items_facets` ON `items` (`status`,`source`,`licence`,`format`,`release`,`width`,`height`,`nsfw`,`faces`,`text_pii`);--> statement-breakpoint
CREATE INDEX `items_status` ON `items` (`status`,`id`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `safety_max_nsfw` real;--> statement-breakpoint
ALTER TABLE `accounts` ADD `safety_faces` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `safety_no_text_pii` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `safety_include_unscored` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Rows published before this migration: sha256 was the source's hash; the served file's hash is in its key.
UPDATE `items` SET `source_sha256` = `sha256`, `sha256` = substr(`original_key`, 13, 64),
  `format` = CASE `content_type` WHEN 'image/jpeg' THEN 'jpeg' WHEN 'image/png' THEN 'png' WHEN 'image/webp' THEN 'webp'
    WHEN 'image/gif' THEN 'gif' WHEN 'image/tiff' THEN 'tiff' WHEN 'image/avif' THEN 'avif' END
  WHERE `source_sha256` IS NULL AND `original_key` GLOB 'original/[0-9a-f][0-9a-f]/[0-9a-f]*.*' AND length(`original_key`) >= 77;--> statement-breakpoint
-- Full-text search over title, creator, tags and description of items (external content: the text lives in items
-- once; triggers keep the index in step with every insert, update of those columns and delete).
CREATE VIRTUAL TABLE `items_fts` USING fts5(title, creator, tags, description, content='items', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');--> statement-breakpoint
CREATE TRIGGER `items_fts_insert` AFTER INSERT ON `items` BEGIN
  INSERT INTO items_fts(rowid, title, creator, tags, description) VALUES (new.rowid, new.title, new.creator, new.tags, new.description);
END;--> statement-breakpoint
CREATE TRIGGER `items_fts_delete` AFTER DELETE ON `items` BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, creator, tags, description) VALUES ('delete', old.rowid, old.title, old.creator, old.tags, old.description);
END;--> statement-breakpoint
CREATE TRIGGER `items_fts_update` AFTER UPDATE OF title, creator, tags, description ON `items` BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, creator, tags, description) VALUES ('delete', old.rowid, old.title, old.creator, old.tags, old.description);
  INSERT INTO items_fts(rowid, title, creator, tags, description) VALUES (new.rowid, new.title, new.creator, new.tags, new.description);
END;--> statement-breakpoint
INSERT INTO items_fts(items_fts) VALUES ('rebuild');
