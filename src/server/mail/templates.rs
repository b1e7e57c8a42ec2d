//! Email bodies: localized, HTML and plain text, every one carrying the order's signed link.

use crate::api::views::{OrderView, ShipmentView};
use crate::domain::Money;
use crate::i18n::{fill, format_date, format_estimate, format_money, Locale, Texts};
use crate::server::store::cancellations::CancellationRow;
use jiff::civil::Date;

pub struct Email {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub struct Context<'a> {
    pub texts: &'static Texts,
    pub locale: Locale,
    pub shop_name: &'a str,
    pub link: &'a str,
    pub link_expires: Date,
    pub order: &'a OrderView,
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// The parts every email shares: a greeting, an introduction, the button to the order page,
/// a list of items, notes and the sign-off. Text and HTML are built from the same parts.
struct Parts<'a> {
    subject: String,
    intro: &'a str,
    items_heading: &'a str,
    items: Vec<(String, String)>,
    /// A closing row under the items, such as the total.
    summary: Option<(String, String)>,
    notes: Vec<String>,
}

fn render(c: &Context<'_>, p: Parts<'_>) -> Email {
    render_with_actions(c, p, &[])
}

/// `render` with buttons of their own (label, link) above the link to the order.
fn render_with_actions(c: &Context<'_>, p: Parts<'_>, actions: &[(&str, &str)]) -> Email {
    let t = c.texts;
    let name = c.order.customer_name.clone().unwrap_or_default();
    let greeting = fill(t.email_greeting, &[("name", &name)]);
    let link_note = fill(
        t.email_link_note,
        &[("date", &format_date(t, c.link_expires))],
    );
    let signoff = fill(t.email_signoff, &[("shop", c.shop_name)]);
    let mut notes = p.notes;
    notes.push(link_note);

    let mut text = format!("{greeting}\n\n{}\n", p.intro);
    for (label, link) in actions {
        text.push_str(&format!("\n{label}: {link}\n"));
    }
    text.push_str(&format!("\n{}\n\n{}\n", c.link, p.items_heading));
    for (item, amount) in &p.items {
        text.push_str(&format!("  {item}  {amount}\n"));
    }
    if let Some((label, amount)) = &p.summary {
        text.push_str(&format!("{label}: {amount}\n"));
    }
    for note in &notes {
        text.push_str(&format!("\n{note}\n"));
    }
    text.push_str(&format!("\n{signoff}\n"));

    let cell = "padding:4px 0";
    let rows: String = p
        .items
        .iter()
        .map(|(item, amount)| {
            format!(
                "<tr><td style=\"{cell}\">{}</td><td style=\"{cell};text-align:right\">{}</td></tr>",
                escape(item),
                escape(amount)
            )
        })
        .collect();
    let summary = p
        .summary
        .as_ref()
        .map(|(label, amount)| {
            let top = "padding:8px 0;border-top:1px solid #ccd";
            format!(
                "<tr><td style=\"{top}\"><strong>{}</strong></td>\
<td style=\"{top};text-align:right\"><strong>{}</strong></td></tr>",
                escape(label),
                escape(amount)
            )
        })
        .unwrap_or_default();
    let notes_html: String = notes
        .iter()
        .map(|n| {
            format!(
                "<p style=\"color:#4a5566;font-size:13px\">{}</p>",
                escape(n)
            )
        })
        .collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
<body style=\"font-family:system-ui,sans-serif;color:#1c2430;max-width:560px;margin:0 auto;padding:24px\">\
<p>{greeting}</p><p>{intro}</p>\
{actions}{button}\
<h2 style=\"font-size:16px\">{items_heading}</h2><table style=\"width:100%;border-collapse:collapse\">{rows}{summary}</table>\
{notes_html}<p>{signoff}</p></body></html>",
        lang = c.locale.tag(),
        subject = escape(&p.subject),
        greeting = escape(&greeting),
        intro = escape(p.intro),
        actions = actions
            .iter()
            .map(|(label, link)| button_html(label, link))
            .collect::<String>(),
        button = button_html(t.email_view_order, c.link),
        items_heading = escape(p.items_heading),
        signoff = escape(&signoff).replace('\n', "<br>"),
    );
    Email {
        subject: p.subject,
        text,
        html,
    }
}

/// When the order ships and arrives, as the status page says it (none once nothing is left to
/// ship).
fn estimate_note(t: &Texts, o: &OrderView) -> Option<String> {
    let estimate = o.estimate.as_ref()?;
    Some(match estimate.ship {
        Some(ship) => format!("{}.", format_estimate(t, ship, estimate.delivery)),
        None => format!("{}. {}", t.estimate_unknown, t.estimate_unknown_body),
    })
}

pub fn order_confirmation(c: &Context<'_>) -> Email {
    let t = c.texts;
    let o = c.order;
    let items = o
        .lines
        .iter()
        .map(|l| {
            (
                format!("{} × {}", l.quantities.ordered, l.title),
                format_money(c.locale, l.line_total),
            )
        })
        .collect();
    render(
        c,
        Parts {
            subject: fill(t.email_confirmation_subject, &[("number", &o.number)]),
            intro: t.email_confirmation_intro,
            items_heading: t.email_items_heading,
            items,
            summary: Some((
                t.email_total.to_owned(),
                format_money(c.locale, o.totals.total),
            )),
            notes: estimate_note(t, o).into_iter().collect(),
        },
    )
}

/// A parcel has left: what is in it and how to follow it.
pub fn shipped(c: &Context<'_>, parcel: &ShipmentView) -> Email {
    let t = c.texts;
    let items = parcel
        .items
        .iter()
        .map(|i| (format!("{} × {}", i.quantity, i.title), String::new()))
        .collect();
    let mut notes = Vec::new();
    if let Some(number) = &parcel.tracking_number {
        let carrier = parcel.carrier.clone().unwrap_or_default();
        let line = fill(
            t.email_tracking_number,
            &[("carrier", &carrier), ("number", number)],
        );
        notes.push(line.trim().to_owned());
    }
    if let Some(url) = &parcel.tracking_url {
        notes.push(fill(t.email_track_parcel, &[("url", url)]));
    }
    render(
        c,
        Parts {
            subject: fill(t.email_shipped_subject, &[("number", &c.order.number)]),
            intro: t.email_shipped_intro,
            items_heading: t.email_parcel_heading,
            items,
            summary: None,
            notes,
        },
    )
}

/// The shopper's cancellation request reached the shop.
pub fn request_received(c: &Context<'_>) -> Email {
    let t = c.texts;
    let o = c.order;
    render(
        c,
        Parts {
            subject: fill(t.email_request_received_subject, &[("number", &o.number)]),
            intro: t.email_request_received_intro,
            items_heading: t.email_items_heading,
            items: open_items(c),
            summary: None,
            notes: Vec::new(),
        },
    )
}

/// The shop declined the shopper's cancellation request; its message is quoted.
pub fn request_rejected(c: &Context<'_>, message: &str) -> Email {
    let t = c.texts;
    let o = c.order;
    render(
        c,
        Parts {
            subject: fill(t.email_request_rejected_subject, &[("number", &o.number)]),
            intro: t.email_request_rejected_intro,
            items_heading: t.email_items_heading,
            items: open_items(c),
            summary: None,
            notes: vec![fill(
                t.email_request_rejected_message,
                &[("message", message)],
            )],
        },
    )
}

/// The lines still to be shipped, with their amounts.
fn open_items(c: &Context<'_>) -> Vec<(String, String)> {
    c.order
        .lines
        .iter()
        .filter(|l| l.quantities.open() > 0)
        .map(|l| {
            (
                format!("{} × {}", l.quantities.open(), l.title),
                format_money(c.locale, l.unit_price.times(l.quantities.open())),
            )
        })
        .collect()
}

/// The shop cancelled the order; says what is refunded.
pub fn cancelled(c: &Context<'_>, by_shopper: bool) -> Email {
    let t = c.texts;
    let o = c.order;
    let items = o
        .lines
        .iter()
        .filter(|l| l.quantities.cancelled > 0)
        .map(|l| {
            (
                format!("{} × {}", l.quantities.cancelled, l.title),
                format_money(c.locale, l.unit_price.times(l.quantities.cancelled)),
            )
        })
        .collect();
    let mut notes = Vec::new();
    if o.totals.refunded.minor > 0 {
        let amount = format_money(c.locale, o.totals.refunded);
        notes.push(fill(t.email_refund_note, &[("amount", &amount)]));
    }
    render(
        c,
        Parts {
            subject: fill(t.email_cancelled_subject, &[("number", &o.number)]),
            intro: if by_shopper {
                t.email_cancelled_by_you_intro
            } else {
                t.email_cancelled_intro
            },
            items_heading: t.email_items_heading,
            items,
            summary: None,
            notes,
        },
    )
}

/// The shopper cancelled items of their order (one line's open units); the rest goes ahead.
pub fn line_cancelled(c: &Context<'_>, title: &str, record: &CancellationRow) -> Email {
    let t = c.texts;
    let o = c.order;
    let currency = o.totals.total.currency;
    let quantity = u32::try_from(record.quantity).unwrap_or_default();
    let amount = o
        .lines
        .iter()
        .find(|l| l.title == title)
        .map(|l| format_money(c.locale, l.unit_price.times(quantity)))
        .unwrap_or_default();
    let mut notes = Vec::new();
    if record.refund_amount > 0 {
        let refund = format_money(c.locale, Money::new(record.refund_amount, currency));
        notes.push(fill(t.email_refund_note, &[("amount", &refund)]));
    }
    render(
        c,
        Parts {
            subject: fill(t.email_line_cancelled_subject, &[("number", &o.number)]),
            intro: t.email_line_cancelled_intro,
            items_heading: t.email_line_cancelled_items,
            items: vec![(format!("{quantity} × {title}"), amount)],
            summary: None,
            notes,
        },
    )
}

/// Confirms the shopper's choice for a line waiting for stock.
pub fn backorder_choice(c: &Context<'_>, title: &str, ship_now: bool) -> Email {
    let t = c.texts;
    let intro = if ship_now {
        fill(t.email_backorder_ship_now_intro, &[("item", title)])
    } else {
        fill(t.email_backorder_wait_intro, &[("item", title)])
    };
    let mut notes = Vec::new();
    notes.extend(estimate_note(t, c.order));
    render(
        c,
        Parts {
            subject: fill(t.email_backorder_subject, &[("number", &c.order.number)]),
            intro: &intro,
            items_heading: t.email_items_heading,
            items: open_items(c),
            summary: None,
            notes,
        },
    )
}

/// What a delay notice says about one line.
pub struct Delay<'a> {
    pub title: &'a str,
    pub quantity: u32,
    /// The new ship-by window; `None` when there is no date.
    pub ship: Option<(Date, Date)>,
    /// What cancelling gives back; `None` when nothing was charged.
    pub refund: Option<Money>,
    pub keep_link: &'a str,
    pub cancel_link: &'a str,
    pub answer_by: Date,
}

/// "… is delayed": the new date (or that there is none), and two one-click answers.
pub fn delay_notice(c: &Context<'_>, d: &Delay<'_>) -> Email {
    let t = c.texts;
    let n = d.quantity.to_string();
    let mut intro = fill(t.email_delay_intro, &[("n", &n), ("item", d.title)]);
    intro.push(' ');
    intro.push_str(&match d.ship {
        Some((from, to)) => fill(
            t.email_delay_new_date,
            &[("from", &format_date(t, from)), ("to", &format_date(t, to))],
        ),
        None => t.email_delay_no_date.to_owned(),
    });
    intro.push(' ');
    intro.push_str(&match d.refund.filter(|m| m.minor > 0) {
        Some(amount) => fill(
            t.email_delay_question,
            &[("amount", &format_money(c.locale, amount))],
        ),
        None => t.email_delay_question_free.to_owned(),
    });
    let notes = vec![fill(
        t.email_delay_expires,
        &[("date", &format_date(t, d.answer_by))],
    )];
    let actions = [
        (t.email_delay_keep, d.keep_link),
        (t.email_delay_cancel, d.cancel_link),
    ];
    render_with_actions(
        c,
        Parts {
            subject: fill(
                t.email_delay_subject,
                &[("number", &c.order.number), ("item", d.title)],
            ),
            intro: &intro,
            items_heading: t.email_items_heading,
            items: open_items(c),
            summary: None,
            notes,
        },
        &actions,
    )
}

/// A short email without an order: paragraphs, then a button or a code, then notes.
pub struct Simple<'a> {
    pub locale: Locale,
    pub subject: String,
    pub paragraphs: Vec<String>,
    pub button: Option<(&'a str, &'a str)>,
    pub code: Option<&'a str>,
    pub notes: Vec<String>,
    pub shop_name: &'a str,
}

pub fn simple(t: &Texts, e: Simple<'_>) -> Email {
    let signoff = fill(t.email_signoff, &[("shop", e.shop_name)]);
    let mut text = String::new();
    for p in &e.paragraphs {
        text.push_str(&format!("{p}\n\n"));
    }
    if let Some((_, link)) = e.button {
        text.push_str(&format!("{link}\n\n"));
    }
    if let Some(code) = e.code {
        text.push_str(&format!("    {code}\n\n"));
    }
    for n in &e.notes {
        text.push_str(&format!("{n}\n\n"));
    }
    text.push_str(&format!("{signoff}\n"));

    let paragraphs: String = e
        .paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", escape(p)))
        .collect();
    let button = e
        .button
        .map(|(label, link)| button_html(label, link))
        .unwrap_or_default();
    let code = e
        .code
        .map(|c| {
            format!(
                "<p style=\"font-size:28px;letter-spacing:6px;font-weight:700\">{}</p>",
                escape(c)
            )
        })
        .unwrap_or_default();
    let notes: String = e
        .notes
        .iter()
        .map(|n| {
            format!(
                "<p style=\"color:#4a5566;font-size:13px\">{}</p>",
                escape(n)
            )
        })
        .collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
<body style=\"font-family:system-ui,sans-serif;color:#1c2430;max-width:560px;margin:0 auto;padding:24px\">\
{paragraphs}{button}{code}{notes}<p>{signoff}</p></body></html>",
        lang = e.locale.tag(),
        subject = escape(&e.subject),
        signoff = escape(&signoff).replace('\n', "<br>"),
    );
    Email {
        subject: e.subject,
        text,
        html,
    }
}

/// The one call-to-action button every email uses.
fn button_html(label: &str, link: &str) -> String {
    format!(
        "<p><a href=\"{}\" style=\"display:inline-block;background:#1f4e79;color:#fff;\
padding:12px 20px;border-radius:6px;text-decoration:none\">{}</a></p>",
        escape(link),
        escape(label)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(
            escape("<b>\"Kari\" & 'Ola'</b>"),
            "&lt;b&gt;&quot;Kari&quot; &amp; &#39;Ola&#39;&lt;/b&gt;"
        );
    }
}
