-- One row per user who ever queued a run: enqueueing locks it (select ... for update), so that one user's
-- concurrent submissions count their waiting runs one after another and the per-user cap holds.
create table queue_owner (
    owner varchar(64) primary key
);
