//! The backorder card on a verified order page: each line waiting for stock with its restock
//! date and ship-by estimate, and the shopper's choice — wait, ship what is in stock first, or
//! cancel the waiting units (the refund shown before confirming). Plain forms, so it works
//! without JavaScript; the server decides what is allowed.

use super::cancel::refund_text;
use crate::api::order::ChooseBackorder;
use crate::api::views::{BackorderLine, BackorderView};
use crate::domain::estimate::LineEstimate;
use crate::domain::BackorderChoice;
use crate::i18n::{fill, format_date, format_date_short, format_money, plural, Locale, Texts};
use crate::ui::components::{Disclosure, FormErrorNotice, FormErrors};
use crate::ui::use_texts;
use leptos::prelude::*;

fn choice_label(t: &'static Texts, choice: BackorderChoice) -> &'static str {
    match choice {
        BackorderChoice::Wait => t.backorder_choice_wait,
        BackorderChoice::ShipAvailableNow => t.backorder_choice_ship_now,
        BackorderChoice::Cancelled => t.backorder_choice_cancelled,
    }
}

/// When the items on the shelf would ship if sent first, and what the extra parcel costs.
fn ship_now_note(t: &'static Texts, locale: Locale, view: &BackorderView) -> String {
    let when = view.first_shipment.map(|w| {
        fill(
            t.backorder_ship_now_when,
            &[
                ("from", &format_date_short(t, w.earliest)),
                ("to", &format_date_short(t, w.latest)),
            ],
        )
    });
    let cost = match view.ship_now_fee {
        Some(fee) => fill(
            t.backorder_ship_now_fee,
            &[("amount", &format_money(locale, fee))],
        ),
        None => t.backorder_ship_now_free.to_owned(),
    };
    match when {
        Some(when) => format!("{when} {cost}"),
        None => cost,
    }
}

#[component]
fn BackorderItem(
    number: String,
    version: i64,
    line: BackorderLine,
    ship_now_note: String,
    locale: Locale,
) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<ChooseBackorder>::new();
    let cancel = ServerAction::<ChooseBackorder>::new();
    let save_errors = FormErrors::of_action(save);
    let cancel_errors = FormErrors::of_action(cancel);
    let cancel_failed = cancel_errors.any();
    let id = line.line_id;
    let waiting = fill(
        t.backorder_line_waiting,
        &[
            ("n", &line.waiting.to_string()),
            ("total", &line.ordered.to_string()),
            ("item", &line.title),
        ],
    );
    let restock = match line.restock {
        Some(date) => fill(t.backorder_restock_on, &[("date", &format_date(t, date))]),
        None => t.backorder_restock_unknown.to_owned(),
    };
    let ships = match line.estimate {
        LineEstimate::Ships(w) => Some(fill(
            t.backorder_ships,
            &[
                ("from", &format_date_short(t, w.earliest)),
                ("to", &format_date_short(t, w.latest)),
            ],
        )),
        _ => None,
    };
    let current = fill(
        t.backorder_current,
        &[("choice", choice_label(t, line.choice))],
    );
    let shipping_choices: Vec<BackorderChoice> = line
        .options
        .iter()
        .copied()
        .filter(|c| *c != BackorderChoice::Cancelled)
        .collect();
    let choose = (shipping_choices.len() > 1).then(|| {
        let radios = shipping_choices
            .into_iter()
            .map(|choice| {
                let radio_id = format!("backorder-{id}-{}", choice.as_str());
                let hint = (choice == BackorderChoice::ShipAvailableNow).then(|| {
                    view! { <p class="hint">{ship_now_note.clone()}</p> }
                });
                view! {
                    <div class="check">
                        <input type="radio" id=radio_id.clone() name="choice" value=choice.as_str()
                            checked=choice == line.choice required=true/>
                        <label for=radio_id>{choice_label(t, choice)}</label>
                        {hint}
                    </div>
                }
            })
            .collect_view();
        let legend_id = format!("backorder-{id}-legend");
        let labelled_by = legend_id.clone();
        let number = number.clone();
        view! {
            <ActionForm action=save attr:class="stack" attr:data-testid="backorder-choose">
                <FormErrorNotice errors=save_errors/>
                <input type="hidden" name="number" value=number.clone()/>
                <input type="hidden" name="version" value=version.to_string()/>
                <input type="hidden" name="line" value=id.to_string()/>
                <fieldset aria-labelledby=labelled_by>
                    <legend id=legend_id>{t.backorder_choice_legend}</legend>
                    {radios}
                </fieldset>
                <button type="submit" class="button" disabled=move || save.pending().get()>{t.backorder_save}</button>
            </ActionForm>
        }
    });
    let cancellable = line.options.contains(&BackorderChoice::Cancelled).then(|| {
        let n = line.waiting.to_string();
        let open_label = plural(
            i64::from(line.waiting),
            t.backorder_cancel_open_one,
            t.backorder_cancel_open_other,
        );
        view! {
            <Disclosure label=open_label open=cancel_failed.get_untracked()>
                <ActionForm action=cancel attr:class="stack" attr:data-testid="backorder-cancel">
                    <FormErrorNotice errors=cancel_errors/>
                    <input type="hidden" name="number" value=number.clone()/>
                    <input type="hidden" name="version" value=version.to_string()/>
                    <input type="hidden" name="line" value=id.to_string()/>
                    <input type="hidden" name="choice" value="cancelled"/>
                    <p data-testid="backorder-refund">{refund_text(t, locale, line.refund)}</p>
                    <button type="submit" class="button danger" disabled=move || cancel.pending().get()>
                        {fill(t.backorder_cancel_submit, &[("n", &n), ("item", &line.title)])}
                    </button>
                </ActionForm>
            </Disclosure>
        }
    });
    view! {
        <li class="stack" data-testid="backorder-line">
            <h3>{waiting}</h3>
            <p>{restock}</p>
            {ships.map(|s| view! { <p data-testid="backorder-ships">{s}</p> })}
            <p class="muted" data-testid="backorder-current">{current}</p>
            {choose}
            {cancellable}
        </li>
    }
}

#[component]
pub fn BackorderCard(number: String, view: BackorderView, locale: Locale) -> impl IntoView {
    let t = use_texts();
    let note = ship_now_note(t, locale, &view);
    let items = view
        .lines
        .iter()
        .cloned()
        .map(|line| {
            view! {
                <BackorderItem number=number.clone() version=view.version line
                    ship_now_note=note.clone() locale/>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="backorder-heading" data-testid="backorders">
            <h2 id="backorder-heading">{t.backorder_heading}</h2>
            <p>{t.backorder_intro}</p>
            <ul class="plain stack">{items}</ul>
        </section>
    }
}
