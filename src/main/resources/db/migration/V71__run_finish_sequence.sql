-- Runs stored as FINISHED are numbered in the order their records were committed, so the leaderboard can keep
-- the rankable runs in memory and catch up on exactly those that joined since it last looked (counting the
-- rankable runs to notice a change took 0.4-1.1 s at a million runs). A record takes the next number by
-- updating the single counter row, whose lock it holds until it commits: numbers become visible in order,
-- without gaps, so whoever reads last_seq = v can read every FINISHED run numbered 1..v.
alter table run add column finish_seq bigint;
update run set finish_seq = id where status = 'FINISHED';
-- Status and flag first: the leaderboard reads rankable runs in a range of numbers, and an index on the number
-- alone loses to ix_run_rank_finished in H2's planner, which then reads every finished run.
create index ix_run_finished_seq on run (status, flagged, finish_seq);
alter table run add constraint ck_run_finished_is_numbered check (status <> 'FINISHED' or finish_seq is not null);

create table run_finish_counter (
    id       int    primary key,
    last_seq bigint not null
);
insert into run_finish_counter (id, last_seq) select 1, coalesce(max(finish_seq), 0) from run;
