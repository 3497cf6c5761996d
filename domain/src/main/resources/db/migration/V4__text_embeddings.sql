-- Embeddings of what customers wrote (review and interaction texts), made by the configured
-- embedding model when there is one, for semantic free-text relevance. One row per text and
-- embedding key (model and vector length): vectors of different keys are not comparable.
-- text_sha256 is the hash of the text that was embedded, so an edited text is seen as pending.
create table text_embeddings (
    source_kind    text        not null check (source_kind in ('review', 'interaction')),
    source_id      text        not null,
    embedding_key  text        not null,
    customer_uuid  uuid        not null references customers (customer_uuid) on delete cascade,
    text_sha256    bytea       not null,
    vector         real[]      not null,
    embedded_at    timestamptz not null,
    primary key (source_kind, source_id, embedding_key)
);
create index text_embeddings_customer_idx on text_embeddings (customer_uuid);

-- A new or changed vector changes its customer's document.
create trigger text_embeddings_index_insert after insert on text_embeddings referencing new table as new_rows
    for each statement execute function queue_customers_of_rows();
create trigger text_embeddings_index_update after update on text_embeddings referencing old table as old_rows new table as new_rows
    for each statement execute function queue_customers_of_rows();

-- A deleted text takes its vectors with it (the document changes through the text's own trigger).
create function delete_embeddings_of_reviews() returns trigger language plpgsql as $$
begin
    delete from text_embeddings e using old_rows o
     where e.source_kind = 'review' and e.source_id = o.review_id;
    return null;
end $$;
create function delete_embeddings_of_interactions() returns trigger language plpgsql as $$
begin
    delete from text_embeddings e using old_rows o
     where e.source_kind = 'interaction' and e.source_id = o.interaction_id;
    return null;
end $$;
create trigger reviews_embeddings_delete after delete on reviews referencing old table as old_rows
    for each statement execute function delete_embeddings_of_reviews();
create trigger interactions_embeddings_delete after delete on interactions referencing old table as old_rows
    for each statement execute function delete_embeddings_of_interactions();
