-- GPUs may now be listed by UUID (GPU-xxxxxxxx-..., 40 characters each), up to 16 of them; NULL means auto.
ALTER TABLE gpu_host ALTER COLUMN gpus SET DATA TYPE varchar(1000);
