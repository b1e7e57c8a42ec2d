use crate::domain::PaymentStatus;
use crate::i18n::Texts;
use crate::ui::use_texts;
use leptos::prelude::*;

pub fn payment_text(t: &'static Texts, status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::Pending => t.payment_pending,
        PaymentStatus::Authorized => t.payment_authorized,
        PaymentStatus::Paid => t.payment_paid,
        PaymentStatus::PartiallyRefunded => t.payment_partially_refunded,
        PaymentStatus::Refunded => t.payment_refunded,
        PaymentStatus::Voided => t.payment_voided,
    }
}

/// Payment, delivery and contact facts. Name and address appear only in the verified view.
#[component]
pub fn Details(
    payment: PaymentStatus,
    shipping_method: String,
    shipping_address: Option<Vec<String>>,
    customer_name: Option<String>,
    contact_email: String,
) -> impl IntoView {
    let t = use_texts();
    let address = match shipping_address {
        Some(lines) => lines
            .into_iter()
            .map(|l| view! { <span class="line">{l}</span> })
            .collect_view()
            .into_any(),
        None => view! { <span class="muted">{t.address_hidden}</span> }.into_any(),
    };
    view! {
        <section class="card" aria-labelledby="details-heading">
            <h2 id="details-heading">{t.payment_heading}</h2>
            <p data-testid="payment">{payment_text(t, payment)}</p>
            <h2>{t.delivery_heading}</h2>
            <dl class="facts">
                <dt>{t.shipping_method_label}</dt>
                <dd>{shipping_method}</dd>
                <dt>{t.shipping_address_label}</dt>
                <dd class="address" data-testid="address">{address}</dd>
            </dl>
            <h2>{t.contact_heading}</h2>
            <dl class="facts">
                {customer_name.map(|name| view! { <dt>{t.contact_name_label}</dt><dd>{name}</dd> })}
                <dt>{t.contact_email_label}</dt>
                <dd data-testid="email">{contact_email}</dd>
            </dl>
        </section>
    }
}
