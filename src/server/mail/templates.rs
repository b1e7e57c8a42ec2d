//! Email bodies: localized, HTML and plain text, every one carrying the order's signed link.

use crate::api::views::OrderView;
use crate::i18n::{fill, format_date, format_money, Locale, Texts};
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

pub fn order_confirmation(c: &Context<'_>) -> Email {
    let t = c.texts;
    let o = c.order;
    let name = o.customer_name.clone().unwrap_or_default();
    let subject = fill(t.email_confirmation_subject, &[("number", &o.number)]);
    let greeting = fill(t.email_greeting, &[("name", &name)]);
    let note = fill(
        t.email_link_note,
        &[("date", &format_date(t, c.link_expires))],
    );
    let signoff = fill(t.email_signoff, &[("shop", c.shop_name)]);
    let total = format_money(c.locale, o.totals.total);
    let items: Vec<(String, String)> = o
        .lines
        .iter()
        .map(|l| {
            (
                format!("{} × {}", l.quantities.ordered, l.title),
                format_money(c.locale, l.line_total),
            )
        })
        .collect();

    let mut text = format!(
        "{greeting}\n\n{}\n{}\n\n{}\n",
        t.email_confirmation_intro, c.link, t.email_items_heading
    );
    for (item, price) in &items {
        text.push_str(&format!("  {item}  {price}\n"));
    }
    text.push_str(&format!(
        "{}: {total}\n\n{note}\n\n{signoff}\n",
        t.email_total
    ));

    let rows: String = items
        .iter()
        .map(|(item, price)| {
            format!(
                "<tr><td style=\"padding:4px 0\">{}</td><td style=\"padding:4px 0;text-align:right\">{}</td></tr>",
                escape(item),
                escape(price)
            )
        })
        .collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
<body style=\"font-family:system-ui,sans-serif;color:#1c2430;max-width:560px;margin:0 auto;padding:24px\">\
<p>{greeting}</p><p>{intro}</p>\
<p><a href=\"{link}\" style=\"display:inline-block;background:#1f4e79;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none\">{view}</a></p>\
<h2 style=\"font-size:16px\">{items_heading}</h2><table style=\"width:100%;border-collapse:collapse\">{rows}\
<tr><td style=\"padding:8px 0;border-top:1px solid #ccd\"><strong>{total_label}</strong></td>\
<td style=\"padding:8px 0;border-top:1px solid #ccd;text-align:right\"><strong>{total}</strong></td></tr></table>\
<p style=\"color:#4a5566;font-size:13px\">{note}</p><p>{signoff}</p></body></html>",
        lang = c.locale.tag(),
        subject = escape(&subject),
        greeting = escape(&greeting),
        intro = escape(t.email_confirmation_intro),
        link = escape(c.link),
        view = escape(t.email_view_order),
        items_heading = escape(t.email_items_heading),
        total_label = escape(t.email_total),
        total = escape(&total),
        note = escape(&note),
        signoff = escape(&signoff).replace('\n', "<br>"),
    );
    Email {
        subject,
        text,
        html,
    }
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
