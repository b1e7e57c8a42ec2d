//! The key list. Adding a key here makes every locale table fail to compile until it has one.

macro_rules! texts {
    ($($key:ident),* $(,)?) => {
        /// One locale's strings. Placeholders are `{name}`; plural pairs end in `_one`/`_other`.
        #[derive(Debug)]
        pub struct Texts {
            $(pub $key: &'static str,)*
        }

        impl Texts {
            /// Every key with its text, in declaration order (for completeness checks).
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key)),*]
            }
        }
    };
}

texts! {
    // Formats
    months_short, weekdays_short, date_pattern, datetime_pattern, date_short_pattern,
    day_month_pattern,
    // Shell
    skip_to_content, site_tagline, footer_note, language_name, language_label,
    // Lookup
    lookup_title, lookup_intro, lookup_number_label, lookup_number_hint, lookup_email_label,
    lookup_email_hint, lookup_submit, lookup_submitting, lookup_no_match, lookup_too_many,
    lookup_privacy_note,
    // Input problems
    field_required, field_too_long, order_number_malformed, email_malformed,
    // Links
    link_invalid_title, link_invalid_body, link_expired_title, link_expired_body,
    link_lookup_instead,
    // Order page
    order_title, order_placed_at, item_count_one, item_count_other, order_loading, order_access_limited, order_locked_title,
    order_locked_body, order_status_heading, payment_heading, items_heading, item_column,
    quantity_column, price_column, line_total_column, line_shipped, line_cancelled,
    line_backordered, subtotal_label, cancelled_total_label, refunded_total_label, total_label,
    shipments_heading, shipment_title, shipment_in_progress, shipment_shipped_at,
    shipment_delivered_at, shipment_track, shipment_tracking_number, no_shipments_yet,
    delivery_heading, shipping_method_label, shipping_address_label, address_hidden,
    contact_heading, contact_name_label, contact_email_label, timeline_heading, progress_label,
    // Estimates
    estimate_ships_between, estimate_ships_on, estimate_arrives_between, estimate_arrives_on,
    estimate_originally, estimate_unknown, estimate_unknown_body, line_ship_unknown,
    line_originally,
    // Stages
    stage_received, stage_received_body, stage_processing, stage_processing_body,
    stage_waiting_for_stock, stage_waiting_for_stock_body, stage_on_hold,
    stage_partially_shipped, stage_partially_shipped_body, stage_shipped, stage_shipped_body,
    stage_delivered, stage_delivered_body, stage_cancellation_requested,
    stage_cancellation_requested_body, stage_cancelled, stage_cancelled_body,
    // Progress steps
    step_received, step_processing, step_shipped, step_delivered,
    // Hold reasons as a shopper reads them
    hold_awaiting_payment, hold_address_check, hold_out_of_stock, hold_fraud_review, hold_other,
    // Payment
    payment_pending, payment_authorized, payment_paid, payment_partially_refunded,
    payment_refunded, payment_voided,
    // Timeline
    event_order_placed, event_payment_confirmed, event_hold_placed, event_hold_released,
    event_shipped, event_shipped_with, event_delivered, event_order_cancelled,
    event_line_cancelled, event_refund_created, event_refund_confirmed, event_updated_by_shop,
    // Errors
    not_found_title, not_found_body, go_to_lookup, error_title, error_body, error_reference,
    error_bad_request, error_forbidden, error_not_found, error_network,
    // Merchant console
    admin_login_title, admin_login_intro, admin_email_label, admin_password_label,
    admin_login_submit, admin_login_failed, admin_dashboard_title, admin_signed_in_as,
    admin_logout, admin_count_open, admin_count_unfulfilled, admin_count_backordered,
    admin_count_on_hold, admin_count_requests, error_unauthorized, admin_nav_overview,
    admin_nav_orders, admin_orders_title, admin_filter_label, admin_search_label,
    admin_search_hint, admin_apply, filter_all, filter_open, filter_unfulfilled,
    filter_backordered, filter_on_hold, filter_requested, filter_cancelled, column_order,
    column_customer, column_placed, column_status, admin_no_orders, admin_next_page,
    list_cancelled, list_requested, list_on_hold, list_waiting, list_unshipped, list_shipped,
    // Input and state refusals
    quantity_malformed, url_malformed, field_malformed, error_conflict, refused_order_cancelled,
    refused_order_closed, refused_already_on_hold, refused_not_on_hold, refused_on_hold,
    refused_nothing_to_ship, refused_too_many, refused_nothing_selected, refused_not_shipped,
    refused_already_delivered, refused_already_shipped,
    // Merchant: one order
    admin_order_title, admin_back_to_orders, admin_customer_heading, admin_status_heading,
    admin_fulfilment_label, fstatus_unfulfilled, fstatus_partially_fulfilled, fstatus_fulfilled,
    fstatus_on_hold, admin_ship_heading, admin_ship_intro, admin_ship_quantity, admin_carrier_label,
    admin_tracking_number_label, admin_tracking_url_label, admin_tracking_url_hint,
    admin_ship_submit, admin_hold_heading, admin_hold_reason_label, admin_hold_note_label,
    admin_hold_note_hint, admin_hold_submit, admin_hold_active, admin_release_submit,
    hold_reason_awaiting_payment, hold_reason_address_check, hold_reason_out_of_stock,
    hold_reason_fraud_review, hold_reason_other, admin_deliver_submit, admin_cancel_heading,
    admin_cancel_intro, admin_cancel_refund, admin_cancel_reason_label,
    cancel_reason_customer_request, cancel_reason_out_of_stock, cancel_reason_payment_declined,
    cancel_reason_fraud_suspected, cancel_reason_other, admin_cancel_restock,
    admin_cancel_notify, admin_cancel_submit, admin_timeline_heading, actor_shopper,
    actor_merchant, actor_integration, actor_system, event_email_queued,
    event_confirmation_email_queued, event_cancelled_by_shop, event_hold_note, done_hold_placed,
    done_hold_released, done_shipped, done_delivered, done_cancelled, admin_no_parcels, event_held_by_shop,
    // Passwords, team, accounts, codes
    password_too_short, password_too_common, password_mismatch, email_taken, code_wrong,
    password_wrong, code_malformed, team_title, team_intro, team_you, team_invited,
    team_role_owner, team_role_staff, team_remove, team_remove_button, team_invite_heading, team_invite_email_label,
    team_invite_submit, team_only_owner, done_invited, done_removed, done_password,
    column_email, column_role, column_since, password_heading, password_current_label,
    password_new_label, password_new_hint, password_repeat_label, password_change_submit,
    password_change_note, admin_nav_team, setpw_title, setpw_intro_team, setpw_intro_customer,
    cancel_request_intro, cancel_request_open, cancel_request_submit, done_request_sent,
    event_cancellation_requested, event_cancellation_rejected, email_request_received_subject,
    email_request_received_intro, email_request_rejected_subject, email_request_rejected_intro,
    email_request_rejected_message, email_shop_request_subject, email_shop_request_body,
    request_heading, request_asked_at, request_reason, request_approve, request_reject,
    request_reject_message, done_request_approved, done_request_rejected,
    cancel_heading, cancel_until, cancel_open, cancel_reason_legend, cancel_other_label,
    reason_changed_mind, reason_ordered_by_mistake, reason_found_cheaper, reason_delivery_too_slow,
    reason_other,
    cancel_refund_note, cancel_no_payment_note, cancel_submit, cancel_not_possible_heading,
    cancel_contact_shop, cancel_blocked_disabled, cancel_blocked_cancelled, cancel_blocked_closed,
    cancel_blocked_payment_pending, cancel_blocked_fulfilment, cancel_blocked_window,
    cancel_blocked_item, cancel_blocked_requested, done_order_cancelled, email_shop_cancel_subject,
    email_shop_cancel_body, email_shop_cancel_reason, email_shop_cancel_refund, email_open_order,
    admin_nav_cancellation, cancel_settings_title, cancel_settings_enabled, cancel_settings_window,
    cancel_settings_window_hint, cancel_settings_preview, cancel_settings_requests,
    cancel_settings_restock, cancel_settings_reasons, cancel_settings_reasons_hint,
    cancel_settings_reason, cancel_settings_reason_label, cancel_settings_position,
    cancel_settings_remove, cancel_settings_add, cancel_settings_translations,
    cancel_settings_translations_hint, cancel_settings_save, settings_only_owner,
    done_settings_saved,
    admin_nav_label, admin_nav_integrations,
    integrations_title, integrations_intro, integrations_openapi, integrations_only_owner,
    integrations_token_once, integrations_secret_once, integrations_tokens_heading,
    integrations_tokens_intro, integrations_column_name, integrations_column_created,
    integrations_column_last_used, integrations_column_state, integrations_never,
    integrations_active, integrations_revoked, integrations_revoke, integrations_revoke_named,
    integrations_token_name, integrations_token_name_hint, integrations_create_token,
    integrations_webhooks_heading, integrations_webhooks_intro, integrations_endpoint_current,
    integrations_endpoint_none, integrations_endpoint_label, integrations_endpoint_hint,
    integrations_endpoint_save, integrations_send_test, integrations_rotate,
    integrations_deliveries_heading, integrations_no_deliveries, integrations_column_event,
    integrations_column_status, integrations_column_attempts, integrations_column_time,
    integrations_resend, integrations_resend_named, delivery_sent, delivery_failed,
    delivery_retrying, delivery_pending, done_token_created, done_token_revoked,
    done_endpoint_saved, done_secret_rotated, done_test_queued, done_resent,
    setpw_submit, setpw_invalid, account_login_title, account_login_intro, account_login_submit,
    account_create_heading, account_create_intro, account_create_submit, account_link_sent,
    password_set_done, account_title, account_signed_in_as, account_logout, account_no_orders,
    account_order_cancelled, account_view, account_sign_in_link, code_heading, code_intro,
    code_request_submit, code_sent, code_label, code_verify_submit,
    line_not_in_order, cancel_blocked_lines, cancel_blocked_nothing, cancel_lines_heading,
    cancel_lines_intro, cancel_line_open, cancel_line_summary, cancel_line_submit,
    cancel_time_left, done_line_cancelled, cancel_settings_lines, email_cancelled_by_you_intro,
    email_line_cancelled_subject, email_line_cancelled_intro, email_line_cancelled_items,
    email_shop_line_subject, email_shop_line_body, admin_nav_reports, reports_title,
    reports_period, reports_last_days, reports_show, reports_cancellations_heading,
    reports_total, reports_none, reports_by_reason, reports_by_age, reports_column_reason,
    reports_column_time, reports_column_count, reports_column_share, reports_by_shop,
    reports_age_15m, reports_age_1h, reports_age_1d, reports_age_7d, reports_age_later,
    countdown_days, countdown_hours, countdown_minutes,
    processing_days_both, processing_min_over_max, processing_days_too_many, date_malformed,
    admin_nav_products, products_title, products_intro, products_search,
    products_search_submit, products_none, products_column_sku, products_column_title,
    products_column_stock, products_column_restock, products_column_processing,
    products_column_flags, products_shop_default, products_days, products_made_to_order,
    products_not_cancellable, products_cancellable, products_edit, products_next,
    products_previous, product_title, product_back, product_name, product_processing,
    product_processing_hint, product_processing_min, product_processing_max, product_stock,
    product_restock, product_restock_hint, product_flags, product_made_to_order,
    product_not_cancellable, product_save, done_product_saved,
    // Email: order confirmation
    email_confirmation_subject, email_greeting, email_confirmation_intro, email_view_order,
    email_items_heading, email_total, email_link_note, email_signoff,
    // Email: shipped, cancelled
    email_shipped_subject, email_shipped_intro, email_parcel_heading, email_tracking_number,
    email_track_parcel, email_cancelled_subject, email_cancelled_intro, email_refund_note,
    // Email: access
    email_invite_subject, email_invite_body, email_choose_password, email_link_works_once,
    email_account_subject, email_account_body, email_ignore_if_not_you, email_code_subject,
    email_code_body, email_code_expires,
    // Processing settings
    admin_nav_processing, processing_title, processing_intro, processing_time_zone,
    processing_time_zone_hint, processing_working_days, processing_cutoff, processing_cutoff_hint,
    processing_calendar, processing_calendar_hint, calendar_none, calendar_norway,
    calendar_finland, calendar_netherlands, processing_holidays, processing_holidays_hint,
    processing_default_days, processing_default_hint, processing_days_from, processing_days_to,
    processing_methods, processing_methods_hint, method_name, method_transit, method_transit_min,
    method_transit_max, method_add, method_remove, processing_save, processing_preview_heading,
    processing_closed_heading, processing_closed_none, closed_column_date, closed_column_why,
    closed_shop_day, done_processing_saved, working_days_required, methods_required,
    time_zone_unknown, cutoff_malformed, method_code_malformed, method_code_taken, days_too_many,
    holiday_new_years_day, holiday_epiphany, holiday_maundy_thursday, holiday_good_friday,
    holiday_easter_sunday, holiday_easter_monday, holiday_labour_day, holiday_constitution_day,
    holiday_kings_day, holiday_liberation_day, holiday_ascension_day, holiday_whit_sunday,
    holiday_whit_monday, holiday_midsummer_eve, holiday_midsummer_day, holiday_all_saints_day,
    holiday_independence_day, holiday_christmas_eve, holiday_christmas_day, holiday_boxing_day,
    // Backorders (shopper, emails, delay notices)
    backorder_heading, backorder_intro, backorder_line_waiting, backorder_restock_on, backorder_restock_unknown, backorder_ships, backorder_choice_legend, backorder_choice_wait, backorder_choice_ship_now, backorder_ship_now_when, backorder_ship_now_free, backorder_ship_now_fee, backorder_save, backorder_current, backorder_choice_cancelled, backorder_cancel_open_one, backorder_cancel_open_other, backorder_cancel_submit, backorder_blocked_order, backorder_blocked_not_waiting, backorder_blocked_not_offered, backorder_blocked_nothing_in_stock, backorder_blocked_item, done_backorder_saved, done_backorder_cancelled, event_backorder_wait, event_backorder_ship_now, event_delay_notice, event_delay_keep_waiting, email_backorder_subject, email_backorder_ship_now_intro, email_backorder_wait_intro, email_shop_backorder_subject, email_shop_backorder_ship_now_body, email_shop_backorder_wait_body, email_delay_subject, email_delay_intro, email_delay_new_date, email_delay_no_date, email_delay_question, email_delay_question_free, email_delay_keep, email_delay_cancel, email_delay_expires, notice_title, notice_keep_intro, notice_cancel_intro, notice_keep_submit, notice_cancel_submit, notice_done_keep, notice_done_cancel, notice_invalid, notice_expired, notice_answered, notice_not_waiting, notice_order_link, admin_backorder_column, admin_notice_sent, admin_notice_answer_none, admin_notice_answer_keep, admin_notice_answer_cancel,
    // Backorders (merchant console)
    admin_order_backorders_heading, admin_order_backorders_waiting,
    admin_order_backorders_choice, admin_order_backorders_notices,
    admin_order_backorders_chosen_at, admin_order_backorders_no_notices, admin_notice_answered,
    admin_notice_unanswered, admin_notice_ship_by, list_backorder_line, list_backorder_waits,
    list_backorder_ship_now, list_backorder_notice, list_notice_unanswered,
    reports_backorders_heading, reports_backorders_none, reports_backorders_opt_out,
    reports_backorders_definition, reports_backorders_outcomes, reports_backorders_no_outcomes,
    reports_backorders_choices, reports_backorders_notices, reports_column_outcome,
    reports_column_number, reports_choice_wait, reports_choice_ship_now, reports_choice_cancel,
    reports_notice_keep, reports_notice_cancel, reports_notice_none,
    // Estimate accuracy report
    decimal_separator, reports_accuracy_heading, reports_accuracy_none, reports_accuracy_summary, reports_early, reports_inside,
    reports_late, reports_punctuality, reports_by_product, reports_column_product, reports_column_shipped, reports_column_days_late, reports_accuracy_late_by,
    reports_column_when, reports_column_orders,
    // Backorder settings
    admin_nav_backorders, admin_backorders_title, admin_backorders_intro,
    admin_backorders_choices, admin_backorders_ship_now, admin_backorders_ship_now_hint,
    admin_backorders_cancel, admin_backorders_cancel_hint, admin_backorders_fees,
    admin_backorders_fees_hint, admin_backorders_delays, admin_backorders_threshold,
    admin_backorders_threshold_hint, admin_backorders_notices, admin_backorders_notices_hint,
    admin_backorders_save, admin_backorders_saved, admin_backorders_fee_malformed,
    admin_backorders_fee_taken, admin_backorders_fee_too_high, admin_backorders_fees_too_many,
    admin_backorders_threshold_malformed,
}
