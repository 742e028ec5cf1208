-- A generated first-admin password must be changed at the first sign-in.
alter table app_user add column password_change_required boolean default false not null;
