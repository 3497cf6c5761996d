-- The change log that keeps the customer index in step with PostgreSQL. Triggers queue every
-- customer whose document changes, in the same transaction as the change, so the index can
-- never silently miss one (no dual writes). The indexer drains the queue in order.

create table customer_index_outbox (
    id             bigint generated always as identity primary key,
    customer_uuid  uuid        not null,
    queued_at      timestamptz not null default clock_timestamp()
);

-- Bulk loaders that rebuild the whole index afterwards may skip the log for their transaction
-- with: set local oxidly.skip_index_outbox = 'on'
create function index_outbox_skipped() returns boolean language sql stable as $$
    select coalesce(current_setting('oxidly.skip_index_outbox', true), '') = 'on'
$$;

-- Tables that carry customer_uuid themselves.
create function queue_customers_of_rows() returns trigger language plpgsql as $$
begin
    if index_outbox_skipped() then
        return null;
    end if;
    if tg_op = 'INSERT' then
        insert into customer_index_outbox (customer_uuid) select distinct customer_uuid from new_rows;
    elsif tg_op = 'UPDATE' then
        insert into customer_index_outbox (customer_uuid)
            select customer_uuid from new_rows union select customer_uuid from old_rows;
    else
        insert into customer_index_outbox (customer_uuid) select distinct customer_uuid from old_rows;
    end if;
    return null;
end $$;

-- Order items reach their customer through the order.
create function queue_customers_of_order_items() returns trigger language plpgsql as $$
begin
    if index_outbox_skipped() then
        return null;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into customer_index_outbox (customer_uuid)
            select distinct o.customer_uuid from new_rows i join orders o on o.order_id = i.order_id;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        insert into customer_index_outbox (customer_uuid)
            select distinct o.customer_uuid from old_rows i join orders o on o.order_id = i.order_id;
    end if;
    return null;
end $$;

-- A renamed or recategorised product changes the documents of everyone who bought it.
create function queue_customers_of_products() returns trigger language plpgsql as $$
begin
    if index_outbox_skipped() then
        return null;
    end if;
    insert into customer_index_outbox (customer_uuid)
        select distinct o.customer_uuid
          from new_rows n
          join old_rows p on p.sku = n.sku
          join order_items i on i.sku = n.sku
          join orders o on o.order_id = i.order_id
         where (n.name, n.category) is distinct from (p.name, p.category);
    return null;
end $$;

do $$
declare
    t text;
begin
    foreach t in array array['customers', 'orders', 'reviews', 'interactions'] loop
        execute format('create trigger %1$s_index_insert after insert on %1$s referencing new table as new_rows
                        for each statement execute function queue_customers_of_rows()', t);
        execute format('create trigger %1$s_index_update after update on %1$s referencing old table as old_rows new table as new_rows
                        for each statement execute function queue_customers_of_rows()', t);
        execute format('create trigger %1$s_index_delete after delete on %1$s referencing old table as old_rows
                        for each statement execute function queue_customers_of_rows()', t);
    end loop;
end $$;

create trigger order_items_index_insert after insert on order_items referencing new table as new_rows
    for each statement execute function queue_customers_of_order_items();
create trigger order_items_index_update after update on order_items referencing old table as old_rows new table as new_rows
    for each statement execute function queue_customers_of_order_items();
create trigger order_items_index_delete after delete on order_items referencing old table as old_rows
    for each statement execute function queue_customers_of_order_items();
create trigger products_index_update after update on products referencing old table as old_rows new table as new_rows
    for each statement execute function queue_customers_of_products();
