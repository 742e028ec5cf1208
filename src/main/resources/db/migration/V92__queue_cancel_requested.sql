-- A cancel of a running run, stored, so that the instance running the host's worker sees it even when the cancel
-- was asked on another instance (several instances on one PostgreSQL database).
alter table queue_entry add column cancel_requested_at timestamp with time zone;
