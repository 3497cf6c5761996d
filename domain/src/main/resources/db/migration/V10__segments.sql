-- Named segments: stored customer queries (dynamic) or hand-picked lists (static), with live
-- membership in customers.segments.

-- The key is the segment's name as customer queries and the natural-language search name it:
-- lower case words separated by single spaces ("high value", "at risk"), which is what
-- {"type": "segment", "segment": ...} compares with customers.segments.
create table segments (
    segment_key  text        primary key
        check (segment_key ~ '^[a-z0-9]+( [a-z0-9]+)*$' and length(segment_key) <= 64),
    name         text        not null check (btrim(name) <> ''),
    description  text        not null default '',
    kind         text        not null check (kind in ('dynamic', 'static')),
    -- The customer query (JSON with "type") of a dynamic segment; null for a static one.
    definition   jsonb,
    built_in     boolean     not null default false,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    updated_by   text        not null,
    constraint segments_definition_by_kind check ((kind = 'dynamic') = (definition is not null))
);
create unique index segments_name_key on segments (lower(name));

-- Members of static segments, added by hand or by bulk action.
create table segment_members (
    segment_key    text        not null references segments (segment_key) on delete cascade,
    customer_uuid  uuid        not null references customers (customer_uuid) on delete cascade,
    added_at       timestamptz not null,
    added_by       text        not null,
    primary key (segment_key, customer_uuid)
);
create index segment_members_customer_idx on segment_members (customer_uuid);

-- Segment rank conditions (top_percent) sort customers by a score.
create index customers_predicted_clv_idx on customers (predicted_clv desc) where predicted_clv is not null;

-- Customers whose memberships may have changed, queued by triggers in the transaction of the
-- change (like customer_index_outbox, but drained by the segment evaluator, so neither consumer
-- can steal the other's entries). Evaluation removes a batch in the transaction that applies it.
create table segment_evaluation_queue (
    id             bigint generated always as identity primary key,
    customer_uuid  uuid        not null,
    queued_at      timestamptz not null default clock_timestamp()
);

create function queue_segment_evaluation_of_rows() returns trigger language plpgsql as $$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into segment_evaluation_queue (customer_uuid) select distinct customer_uuid from new_rows;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        insert into segment_evaluation_queue (customer_uuid) select distinct customer_uuid from old_rows;
    end if;
    return null;
end $$;

-- A customer's own row: any change except the ones the evaluator itself writes (segments) and
-- bookkeeping, so applying a membership does not queue the customer again.
create function queue_segment_evaluation_of_customers() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into segment_evaluation_queue (customer_uuid) select customer_uuid from new_rows;
    else
        insert into segment_evaluation_queue (customer_uuid)
            select n.customer_uuid
              from new_rows n
              join old_rows o on o.customer_uuid = n.customer_uuid
             where (to_jsonb(n) - 'segments' - 'updated_at' - 'version')
                   is distinct from (to_jsonb(o) - 'segments' - 'updated_at' - 'version');
    end if;
    return null;
end $$;

create function queue_segment_evaluation_of_order_items() returns trigger language plpgsql as $$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into segment_evaluation_queue (customer_uuid)
            select distinct o.customer_uuid from new_rows i join orders o on o.order_id = i.order_id;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        insert into segment_evaluation_queue (customer_uuid)
            select distinct o.customer_uuid from old_rows i join orders o on o.order_id = i.order_id;
    end if;
    return null;
end $$;

create function queue_segment_evaluation_of_products() returns trigger language plpgsql as $$
begin
    insert into segment_evaluation_queue (customer_uuid)
        select distinct o.customer_uuid
          from new_rows n
          join old_rows p on p.sku = n.sku
          join order_items i on i.sku = n.sku
          join orders o on o.order_id = i.order_id
         where (n.name, n.category) is distinct from (p.name, p.category);
    return null;
end $$;

create trigger customers_segments_insert after insert on customers referencing new table as new_rows
    for each statement execute function queue_segment_evaluation_of_customers();
create trigger customers_segments_update after update on customers
    referencing old table as old_rows new table as new_rows
    for each statement execute function queue_segment_evaluation_of_customers();

do $$
declare
    t text;
begin
    foreach t in array array['orders', 'reviews', 'interactions', 'segment_members'] loop
        execute format('create trigger %1$s_segments_insert after insert on %1$s referencing new table as new_rows
                        for each statement execute function queue_segment_evaluation_of_rows()', t);
        execute format('create trigger %1$s_segments_update after update on %1$s referencing old table as old_rows new table as new_rows
                        for each statement execute function queue_segment_evaluation_of_rows()', t);
        execute format('create trigger %1$s_segments_delete after delete on %1$s referencing old table as old_rows
                        for each statement execute function queue_segment_evaluation_of_rows()', t);
    end loop;
end $$;

create trigger order_items_segments_insert after insert on order_items referencing new table as new_rows
    for each statement execute function queue_segment_evaluation_of_order_items();
create trigger order_items_segments_update after update on order_items
    referencing old table as old_rows new table as new_rows
    for each statement execute function queue_segment_evaluation_of_order_items();
create trigger order_items_segments_delete after delete on order_items referencing old table as old_rows
    for each statement execute function queue_segment_evaluation_of_order_items();
create trigger products_segments_update after update on products
    referencing old table as old_rows new table as new_rows
    for each statement execute function queue_segment_evaluation_of_products();

-- Built-in segments (definitions editable; they cannot be deleted).
-- High value: the top decile of predicted lifetime value (a rank, so the cut follows every refit).
-- At risk: was active (at least 2 counted orders) and is likely gone (P(alive) below 0.5) or has
-- not ordered for more than twice their usual gap between orders.
insert into segments (segment_key, name, description, kind, definition, built_in, created_at, updated_at, updated_by)
values
    ('high value', 'High Value', 'Top 10% of customers by predicted lifetime value', 'dynamic',
     '{"type": "top_percent", "field": "predicted_clv", "percent": 10}', true, now(), now(), 'system'),
    ('at risk', 'At Risk',
     'Bought at least twice, and likely gone (P(alive) below 0.5) or no order for more than twice their usual gap between orders',
     'dynamic',
     '{"type": "and", "all": [
         {"type": "order_count", "comparison": {"op": "gte", "values": [2]}},
         {"type": "or", "any": [
             {"type": "field", "field": "p_alive", "comparison": {"op": "lt", "values": [0.5]}},
             {"type": "order_overdue", "factor": 2}]}]}',
     true, now(), now(), 'system');

-- Customers already in the store are evaluated once by the evaluator.
insert into segment_evaluation_queue (customer_uuid) select customer_uuid from customers;

-- Member lists and live counts read customers.segments directly.
create index customers_segments_idx on customers using gin (segments);
