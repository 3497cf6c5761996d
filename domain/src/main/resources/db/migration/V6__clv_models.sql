-- Customer lifetime value: every fit of the BG/NBD (purchase frequency, P(alive)) and
-- Gamma-Gamma (spend per purchase) models, newest last. Scores are written onto customers.

create table clv_models (
    id                        bigint generated always as identity primary key,
    fitted_at                 timestamptz      not null,
    -- Orders up to the end of this day (store time zone) were used.
    calibration_end           date             not null,
    time_unit                 text             not null default 'weeks' check (time_unit = 'weeks'),
    customers_used            integer          not null check (customers_used > 0),
    repeat_customers_used     integer          not null check (repeat_customers_used > 0),
    bgnbd_r                   double precision not null check (bgnbd_r > 0),
    bgnbd_alpha               double precision not null check (bgnbd_alpha > 0),
    bgnbd_a                   double precision not null check (bgnbd_a > 0),
    bgnbd_b                   double precision not null check (bgnbd_b > 0),
    bgnbd_log_likelihood      double precision not null,
    gamma_gamma_p             double precision not null check (gamma_gamma_p > 0),
    gamma_gamma_q             double precision not null check (gamma_gamma_q > 0),
    gamma_gamma_gamma         double precision not null check (gamma_gamma_gamma > 0),
    gamma_gamma_log_likelihood double precision not null
);

-- The other per-customer predictions next to predicted_clv and p_alive (V1), so that search,
-- segments and the API can use them. All are over the horizon of the model that scored them.
alter table customers
    add column expected_purchases      double precision,
    add column expected_average_spend  numeric(14, 2);
