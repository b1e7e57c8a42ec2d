//! Which language a page and an email speak, over HTTP against the real server: the switcher's
//! remembered choice, then the order's language on its page, then the signed-in account's, then
//! Accept-Language, then English. Emails follow the order (or account); the shop's own emails
//! follow `APP_SHOP_LOCALE`.
#![cfg(feature = "ssr")]

mod common;

use common::{browser_without_language, spawn_app, spawn_app_with, Engine, TestApp};
use order_portal::i18n::Locale;

const KARI: &str = "kari.nordmann@example.no";

async fn page(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    accept: &str,
) -> (u16, String, Vec<String>) {
    let response = client
        .get(app.url(path))
        .header("accept", "text/html")
        .header("accept-language", accept)
        .send()
        .await
        .expect("GET");
    let status = response.status().as_u16();
    let cookies = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    (status, response.text().await.expect("body"), cookies)
}

fn speaks(html: &str, locale: Locale) -> bool {
    html.contains(&format!("<html lang=\"{}\"", locale.tag()))
}

both_engines! {
    async fn accept_language_then_english_and_the_switcher_choice_is_remembered(engine: Engine) {
        let app = spawn_app(engine).await;
        let visitor = browser_without_language();
        let (_, html, _) = page(&app, &visitor, "/", "de-DE, fi;q=0.8, en;q=0.5").await;
        assert!(speaks(&html, Locale::Fi) && html.contains("Etsi tilauksesi"), "Accept-Language picks Finnish");
        let (_, html, _) = page(&app, &visitor, "/", "de-DE").await;
        assert!(speaks(&html, Locale::En) && html.contains("Find your order"), "English when nothing fits");

        // The switcher: links in every language, the current one marked.
        for name in ["English", "Norsk bokmål", "Suomi", "Nederlands"] {
            assert!(html.contains(name), "{name} offered");
        }
        assert!(html.contains(r#"href="/?lang=nl""#) && html.contains(r#"aria-current="true""#));

        let (status, html, cookies) = page(&app, &visitor, "/?lang=nl", "fi").await;
        assert_eq!(status, 200);
        assert!(speaks(&html, Locale::Nl) && html.contains("Vind je bestelling"));
        assert!(cookies.iter().any(|c| c.starts_with("portal_lang=nl;") && c.contains("Max-Age=31536000")), "{cookies:?}");
        let (_, html, _) = page(&app, &visitor, "/account/login", "fi").await;
        assert!(speaks(&html, Locale::Nl), "the choice is remembered over Accept-Language");
        // Anything but a supported tag is ignored.
        let (status, html, cookies) = page(&app, &browser_without_language(), "/?lang=xx%3Cscript", "").await;
        assert_eq!(status, 200);
        assert!(speaks(&html, Locale::En) && !cookies.iter().any(|c| c.contains("portal_lang")));
    }

    async fn an_order_page_speaks_the_orders_language_unless_the_visitor_chose_one(engine: Engine) {
        let app = spawn_app(engine).await;
        // Order 1012 is Aino Virtanen's: Finnish, in euros, three mugs... whatever its lines,
        // the count and the money are written the Finnish way.
        let shopper = browser_without_language();
        let (status, _, _) = page(&app, &shopper, &app.signed_link("1012").await, "nb").await;
        assert_eq!(status, 303);
        let (status, html, _) = page(&app, &shopper, "/orders/1012", "nb-NO").await;
        assert_eq!(status, 200);
        assert!(speaks(&html, Locale::Fi), "the order's language wins over Accept-Language");
        assert!(html.contains("Tilaus 1012"));
        assert!(html.contains(" tuotetta") || html.contains("1 tuote"), "Finnish plural");
        assert!(html.contains("\u{a0}€"), "euros after the amount");

        let (_, html, _) = page(&app, &shopper, "/orders/1012?lang=nb", "fi").await;
        assert!(speaks(&html, Locale::Nb) && html.contains("Bestilling 1012"), "the visitor's choice wins");
        assert!(html.contains(" varer") || html.contains("1 vare"), "Norwegian plural");

        // Someone without access gets the lookup form in their own language, not the order's.
        let (status, html, _) = page(&app, &browser_without_language(), "/orders/1012", "nl").await;
        assert_eq!(status, 403);
        assert!(speaks(&html, Locale::Nl));
    }

    async fn a_signed_in_account_reads_its_own_language(engine: Engine) {
        let app = spawn_app(engine).await;
        let kari = browser_without_language();
        app.call_as(&kari, "account_link", &[("email", KARI)]).await;
        app.drain_outbox().await;
        let mail = app.sent_emails().into_iter()
            .find(|m| m.contains("Subject: Kontoen din hos"))
            .expect("the account email is in Kari's language");
        let start = mail.find("/password/").expect("link") + "/password/".len();
        let token = &mail[start..start + 43];
        let password = "fjord-and-pine-2026";
        let fields = [("token", token), ("new_password", password), ("repeat_password", password)];
        assert_eq!(app.call_as(&kari, "set_password", &fields).await.0, 200);
        assert_eq!(app.call_as(&kari, "account_login", &[("email", KARI), ("password", password)]).await.0, 200);
        let (status, html, _) = page(&app, &kari, "/account", "en-GB").await;
        assert_eq!(status, 200);
        assert!(speaks(&html, Locale::Nb), "the account's language wins over Accept-Language");
        let (_, html, _) = page(&app, &kari, "/account?lang=en", "en-GB").await;
        assert!(speaks(&html, Locale::En));
    }

    async fn emails_speak_the_orders_language_and_the_shop_reads_its_own(engine: Engine) {
        let app = spawn_app_with(engine, |s| s.shop_locale = Locale::Nb).await;
        app.drain_outbox().await;
        let mails = app.sent_emails();
        let subject = |text: &str| mails.iter().any(|m| m.contains(&format!("Subject: {text}")));
        assert!(subject("Bestilling 1001 er bekreftet"), "Norwegian");
        assert!(subject("Tilauksesi 1012 on vahvistettu"), "Finnish");
        let dutch = mails.iter().find(|m| m.contains("lang=\"nl\"")).expect("a Dutch confirmation");
        assert!(dutch.contains("Subject: Je bestelling 10"), "Dutch subject");

        // A shopper cancels: the shopper reads Norwegian (the order's), and so does the shop
        // (APP_SHOP_LOCALE=nb).
        let shopper = app.verified_shopper("1001").await;
        let version: i64 = sqlx::query_scalar("SELECT version FROM orders WHERE number = '1001'")
            .fetch_one(app.state.db.pool()).await.unwrap();
        let form = [("number", "1001"), ("version", &version.to_string()), ("reason", "changed_mind"),
            ("other", "")];
        let (status, body) = app.call_as(&shopper, "cancel_order", &form).await;
        assert_eq!(status, 200, "{body}");
        app.drain_outbox().await;
        let mails = app.sent_emails();
        assert!(mails.iter().any(|m| m.contains("Subject: Bestilling 1001 er kansellert")));
        assert!(mails.iter().any(|m| m.contains("Subject: Bestilling 1001 ble kansellert av kunden")), "the shop's notice");
    }
}
