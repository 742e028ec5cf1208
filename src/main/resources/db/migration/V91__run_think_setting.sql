-- Each run keeps the think setting it really ran with. An experiment may ask "on where supported"
-- (ON_WHERE_SUPPORTED, too long for the old column): its thinking models then run with ON and its plain
-- models with OFF, and the board's rows (model, think, host) must say which. Older runs ran with their
-- experiment's setting.
alter table experiment alter column think set data type varchar(20);
alter table run add column think varchar(20);
update run set think = (select e.think from experiment e where e.id = run.experiment_id);
alter table run alter column think set not null;
create index ix_run_think on run (think);
