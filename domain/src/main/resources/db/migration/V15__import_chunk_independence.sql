-- How many of the chunks right before a chunk share none of its natural keys (at most a few): the
-- chunk may be applied beside them, in parallel. Chunks staged before this column existed have 0
-- and are applied in file order, as they always were.
alter table import_chunks
    add column free_behind smallint not null default 0 check (free_behind >= 0);
