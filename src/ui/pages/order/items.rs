use super::estimate;
use crate::api::views::{LineView, Totals};
use crate::i18n::{fill, format_money, Locale};
use crate::ui::use_texts;
use leptos::prelude::*;

#[component]
pub fn Items(lines: Vec<LineView>, totals: Totals, locale: Locale) -> impl IntoView {
    let t = use_texts();
    let money = move |m| format_money(locale, m);
    let rows = lines
        .into_iter()
        .map(|line| {
            let q = line.quantities;
            let ships = estimate::line_note(t, &line)
                .map(|text| view! { <span class="item-ships muted" data-testid="line-estimate">{text}</span> });
            let mut notes = Vec::new();
            if q.fulfilled > 0 {
                notes.push((
                    "chip-shipped",
                    fill(t.line_shipped, &[("n", &q.fulfilled.to_string())]),
                ));
            }
            if q.waiting_for_stock() > 0 {
                let n = q.waiting_for_stock().to_string();
                notes.push(("chip-backordered", fill(t.line_backordered, &[("n", &n)])));
            }
            if q.cancelled > 0 {
                notes.push((
                    "chip-cancelled",
                    fill(t.line_cancelled, &[("n", &q.cancelled.to_string())]),
                ));
            }
            let chips = notes
                .into_iter()
                .map(|(class, text)| view! { <span class=format!("chip {class}")>{text}</span> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">
                        <span class="item-title">{line.title}</span>
                        <span class="item-sku muted">{line.sku}</span>
                        <span class="item-unit muted">{format!("{} × {}", q.ordered, money(line.unit_price))}</span>
                        <span class="chips">{chips}</span>
                        {ships}
                    </th>
                    <td class="num col-qty">{q.ordered}</td>
                    <td class="num col-price">{money(line.unit_price)}</td>
                    <td class="num">{money(line.line_total)}</td>
                </tr>
            }
        })
        .collect_view();
    let cancelled = (totals.cancelled.minor > 0).then(|| view! {
        <tr><th scope="row" colspan="3" class="label-cell">{t.cancelled_total_label}</th><td class="num">{format!("−{}", money(totals.cancelled))}</td></tr>
    });
    let refunded = (totals.refunded.minor > 0).then(|| view! {
        <tr><th scope="row" colspan="3" class="label-cell">{t.refunded_total_label}</th><td class="num">{money(totals.refunded)}</td></tr>
    });
    view! {
        <section class="card" aria-labelledby="items-heading">
            <h2 id="items-heading">{t.items_heading}</h2>
            <div class="table-scroll">
                <table class="items">
                    <thead>
                        <tr>
                            <th scope="col">{t.item_column}</th>
                            <th scope="col" class="num col-qty">{t.quantity_column}</th>
                            <th scope="col" class="num col-price">{t.price_column}</th>
                            <th scope="col" class="num">{t.line_total_column}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr><th scope="row" colspan="3" class="label-cell">{t.subtotal_label}</th><td class="num">{money(totals.subtotal)}</td></tr>
                        {cancelled}
                        <tr class="grand"><th scope="row" colspan="3" class="label-cell">{t.total_label}</th><td class="num" data-testid="total">{money(totals.total)}</td></tr>
                        {refunded}
                    </tfoot>
                </table>
            </div>
        </section>
    }
}
