-- An admin moved these waiting runs behind every other waiting run on their host (issue 8).
alter table queue_entry add column moved_back_at timestamp with time zone;
