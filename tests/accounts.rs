//! The team, customer accounts, set-password links and one-time codes. Both engines.
#![cfg(feature = "ssr")]

mod common;

use common::{browser, spawn_app, Engine, TestApp};
use order_portal::server::demo::{OWNER_EMAIL, OWNER_PASSWORD};

const KARI: &str = "kari.nordmann@example.no";
const NEW_PASSWORD: &str = "fjord-and-pine-2026";

/// Delivers the outbox and returns the emails whose subject contains `subject`.
async fn emails(app: &TestApp, subject: &str) -> Vec<String> {
    app.drain_outbox().await;
    app.sent_emails()
        .into_iter()
        .filter(|m| m.contains(subject))
        .collect()
}

fn password_link(email: &str) -> String {
    let start = email.find("/password/").expect("a set-password link");
    email[start..start + "/password/".len() + 43].to_owned()
}

/// The code in the plain-text part (after its headers: other digits live in the headers).
fn code_in(email: &str) -> String {
    let email = email.replace("\r\n", "\n");
    let part = email.split("text/plain").nth(1).expect("a text part");
    let (_, body) = part.split_once("\n\n").expect("a body");
    body.split_whitespace()
        .find(|w| w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or_else(|| panic!("no 6-digit code in {email}"))
        .to_owned()
}

async fn set_password(app: &TestApp, link: &str, password: &str) -> (u16, String) {
    let token = link.trim_start_matches("/password/");
    let fields = [
        ("token", token),
        ("new_password", password),
        ("repeat_password", password),
    ];
    app.call_as(&browser(), "set_password", &fields).await
}

async fn owner(app: &TestApp) -> reqwest::Client {
    let client = browser();
    let fields = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
    assert_eq!(app.call_as(&client, "admin_login", &fields).await.0, 200);
    client
}

both_engines! {
    async fn the_owner_invites_and_removes_staff_who_cannot_manage_the_team(engine: Engine) {
        let app = spawn_app(engine).await;
        let owner = owner(&app).await;
        let (status, body) = app.call_as(&owner, "team_invite", &[("email", "Per@Fjordogfuru.example")]).await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = app.call_as(&owner, "team_invite", &[("email", "per@fjordogfuru.example")]).await;
        assert_eq!(status, 400);
        assert!(body.contains("taken"), "{body}");

        let invites = emails(&app, "invited to handle orders").await;
        assert_eq!(invites.len(), 1);
        assert!(invites[0].contains("To: per@fjordogfuru.example"));
        let link = password_link(&invites[0]);
        let (status, html) = app.page_as(&browser(), &link).await;
        assert_eq!(status, 200);
        assert!(html.contains("Choose the password for your merchant account"));
        let (status, body) = set_password(&app, &link, "password123").await;
        assert_eq!(status, 400);
        assert!(body.contains("too_common"));
        assert_eq!(set_password(&app, &link, NEW_PASSWORD).await.0, 200);
        assert_eq!(set_password(&app, &link, NEW_PASSWORD).await.0, 404, "a link works once");

        let staff = browser();
        let fields = [("email", "per@fjordogfuru.example"), ("password", NEW_PASSWORD)];
        assert_eq!(app.call_as(&staff, "admin_login", &fields).await.0, 200);
        assert_eq!(app.page_as(&staff, "/admin/orders").await.0, 200, "staff handle orders");
        let (status, _) = app.call_as(&staff, "team_invite", &[("email", "eve@example.com")]).await;
        assert_eq!(status, 403, "staff cannot invite");
        let (_, team) = app.page_as(&staff, "/admin/team").await;
        assert!(team.contains("Only the shop owner can invite or remove people."));
        let staff_id: i64 = sqlx::query_scalar("SELECT id FROM merchant_users WHERE email = $1")
            .bind("per@fjordogfuru.example")
            .fetch_one(&mut *app.state.db.read().await.unwrap()).await.unwrap();
        let owner_id: i64 = sqlx::query_scalar("SELECT id FROM merchant_users WHERE email = $1")
            .bind(OWNER_EMAIL)
            .fetch_one(&mut *app.state.db.read().await.unwrap()).await.unwrap();
        let (status, _) = app.call_as(&staff, "team_remove", &[("user", &owner_id.to_string())]).await;
        assert_eq!(status, 403, "staff cannot remove");

        assert_eq!(app.call_as(&owner, "team_remove", &[("user", &staff_id.to_string())]).await.0, 200);
        assert_eq!(app.page_as(&staff, "/admin/orders").await.0, 302, "their session ended");
        assert_eq!(app.call_as(&browser(), "admin_login", &fields).await.0, 401);
        let (status, _) = app.call_as(&owner, "team_remove", &[("user", &owner_id.to_string())]).await;
        assert_eq!(status, 404, "the owner cannot be removed");
        let audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action IN ('member_invited', 'member_removed')")
            .fetch_one(&mut *app.state.db.read().await.unwrap()).await.unwrap();
        assert_eq!(audit, 2);
    }

    async fn changing_the_password_ends_the_other_sessions(engine: Engine) {
        let app = spawn_app(engine).await;
        let here = owner(&app).await;
        let elsewhere = owner(&app).await;
        let change = |current: &'static str, new: &'static str, repeat: &'static str| {
            [("password", current), ("new_password", new), ("repeat_password", repeat)]
        };
        let (status, body) = app.call_as(&here, "change_password", &change("wrong", NEW_PASSWORD, NEW_PASSWORD)).await;
        assert_eq!(status, 400);
        assert!(body.contains(r#""field":"password","problem":"wrong""#), "{body}");
        let (_, body) = app.call_as(&here, "change_password", &change(OWNER_PASSWORD, NEW_PASSWORD, "other-words-2026")).await;
        assert!(body.contains("mismatch"), "{body}");
        let (_, body) = app.call_as(&here, "change_password", &change(OWNER_PASSWORD, "short", "short")).await;
        assert!(body.contains("too_short"), "{body}");
        assert_eq!(app.page_as(&elsewhere, "/admin").await.0, 200, "refusals change nothing");

        let (status, _) = app.call_as(&here, "change_password", &change(OWNER_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)).await;
        assert_eq!(status, 200);
        assert_eq!(app.page_as(&here, "/admin").await.0, 200, "this session stays");
        assert_eq!(app.page_as(&elsewhere, "/admin").await.0, 302, "the other one ended");
        let old = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
        assert_eq!(app.call_as(&browser(), "admin_login", &old).await.0, 401);
        let new = [("email", OWNER_EMAIL), ("password", NEW_PASSWORD)];
        assert_eq!(app.call_as(&browser(), "admin_login", &new).await.0, 200);
    }

    async fn a_customer_account_shows_every_order_of_its_email(engine: Engine) {
        let app = spawn_app(engine).await;
        app.drain_outbox().await;
        // The same answer whether or not the email has orders; only the real one gets mail.
        let shopper = browser();
        let known = app.call_as(&shopper, "account_link", &[("email", KARI)]).await;
        let unknown = app.call_as(&shopper, "account_link", &[("email", "nobody@example.com")]).await;
        assert_eq!(known, unknown);
        let mails = emails(&app, "Kontoen din hos").await;
        assert_eq!(mails.len(), 1);
        assert!(mails[0].contains(&format!("To: \"Kari Nordmann\" <{KARI}>")) || mails[0].contains(KARI));

        // No account yet, unknown email, wrong password: one answer.
        let before = app.call_as(&shopper, "account_login", &[("email", KARI), ("password", NEW_PASSWORD)]).await;
        let link = password_link(&mails[0]);
        assert_eq!(set_password(&app, &link, NEW_PASSWORD).await.0, 200);
        let wrong = app.call_as(&shopper, "account_login", &[("email", KARI), ("password", "not-the-password")]).await;
        let nobody = app.call_as(&shopper, "account_login", &[("email", "nobody@example.com"), ("password", NEW_PASSWORD)]).await;
        assert_eq!(before, wrong);
        assert_eq!(wrong, nobody);
        assert_eq!(wrong.0, 401);

        // Without JavaScript the refused form comes back with the email typed, never the password.
        let refused = shopper
            .post(app.url("/fn/account_login"))
            .header("accept", "text/html")
            .header("referer", app.url("/account/login"))
            .form(&[("email", KARI), ("password", "not-the-password")])
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status().as_u16(), 302);
        let kept: Vec<String> = refused.headers().get_all("set-cookie").iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .filter(|c| c.starts_with("portal_kept="))
            .collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        let value = kept[0].trim_start_matches("portal_kept=").split(';').next().unwrap();
        let fields = String::from_utf8(
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, value).unwrap(),
        )
        .unwrap();
        assert!(fields.contains(KARI) && !fields.contains("not-the-password"), "{fields}");
        let location = refused.headers()["location"].to_str().unwrap().replace(&app.base, "");
        let (_, page) = app.page_as(&shopper, &location).await;
        assert!(page.contains(&format!(r#"value="{KARI}""#)), "the email is kept");
        assert!(!page.contains("not-the-password"), "the password is not");

        let (status, _) = app.call_as(&shopper, "account_login", &[("email", KARI), ("password", NEW_PASSWORD)]).await;
        assert_eq!(status, 200);
        let (status, html) = app.page_as(&shopper, "/account").await;
        assert_eq!(status, 200);
        let listed: Vec<&str> = html.split("href=\"/orders/").skip(1).map(|r| r.split('"').next().unwrap()).collect();
        let expected: Vec<String> = sqlx::query_scalar("SELECT number FROM orders WHERE email = $1 ORDER BY placed_at DESC")
            .bind(KARI)
            .fetch_all(&mut *app.state.db.read().await.unwrap()).await.unwrap();
        assert!(expected.len() > 1);
        assert_eq!(listed, expected, "every order of the email, newest first");
        let (status, order) = app.page_as(&shopper, &format!("/orders/{}", expected[0])).await;
        assert_eq!(status, 200);
        assert!(order.contains("data-testid=\"address\"") && !order.contains("Hidden in this view"), "verified");
        assert_eq!(app.page_as(&shopper, "/orders/1002").await.0, 403, "other people's orders stay closed");

        assert_eq!(app.call_as(&shopper, "account_logout", &[]).await.0, 200);
        assert_eq!(app.page_as(&shopper, "/account").await.0, 302);
    }

    async fn a_one_time_code_verifies_a_looked_up_order_once(engine: Engine) {
        let app = spawn_app(engine).await;
        app.drain_outbox().await;
        let shopper = browser();
        let lookup = [("order_number", "1001"), ("email", KARI)];
        assert_eq!(app.call_as(&shopper, "lookup", &lookup).await.0, 200);
        let (_, html) = app.page_as(&shopper, "/orders/1001").await;
        assert!(html.contains("Hidden in this view"), "redacted");
        // Not for an order this session has not looked up.
        assert_eq!(app.call_as(&shopper, "code_request", &[("number", "1002")]).await.0, 403);

        assert_eq!(app.call_as(&shopper, "code_request", &[("number", "1001")]).await.0, 200);
        let mails = emails(&app, "Koden din for bestilling 1001").await;
        assert_eq!(mails.len(), 1);
        let code = code_in(&mails[0]);
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let (status, body) = app.call_as(&shopper, "code_verify", &[("number", "1001"), ("code", wrong)]).await;
        assert_eq!(status, 400);
        assert!(body.contains(r#""field":"code","problem":"wrong""#), "{body}");
        let (_, body) = app.call_as(&shopper, "code_verify", &[("number", "1001"), ("code", "12ab")]).await;
        assert!(body.contains("malformed"));

        let before: String = sqlx::query_scalar("SELECT token_hash FROM sessions ORDER BY id DESC LIMIT 1")
            .fetch_one(&mut *app.state.db.read().await.unwrap()).await.unwrap();
        let (status, body) = app.call_as(&shopper, "code_verify", &[("number", "1001"), ("code", &code)]).await;
        assert_eq!(status, 200, "{body}");
        let after: String = sqlx::query_scalar("SELECT token_hash FROM sessions ORDER BY id DESC LIMIT 1")
            .fetch_one(&mut *app.state.db.read().await.unwrap()).await.unwrap();
        assert_ne!(before, after, "the session id changes at verification");
        let (_, html) = app.page_as(&shopper, "/orders/1001").await;
        assert!(!html.contains("Hidden in this view"), "verified now");
        let (status, _) = app.call_as(&shopper, "code_verify", &[("number", "1001"), ("code", &code)]).await;
        assert_eq!(status, 400, "a code works once");
    }

    async fn a_code_dies_after_five_wrong_tries(engine: Engine) {
        let app = spawn_app(engine).await;
        app.drain_outbox().await;
        let shopper = browser();
        app.call_as(&shopper, "lookup", &[("order_number", "1001"), ("email", KARI)]).await;
        app.call_as(&shopper, "code_request", &[("number", "1001")]).await;
        let mails = emails(&app, "Koden din for bestilling 1001").await;
        let code = code_in(&mails[0]);
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..5 {
            assert_eq!(app.call_as(&shopper, "code_verify", &[("number", "1001"), ("code", wrong)]).await.0, 400);
        }
        let (status, _) = app.call_as(&shopper, "code_verify", &[("number", "1001"), ("code", &code)]).await;
        assert_eq!(status, 400, "the right code no longer works");
        let (_, html) = app.page_as(&shopper, "/orders/1001").await;
        assert!(html.contains("Hidden in this view"));
    }

    async fn expired_codes_and_links_change_nothing(engine: Engine) {
        let app = spawn_app(engine).await;
        app.drain_outbox().await;
        let shopper = browser();
        app.call_as(&shopper, "lookup", &[("order_number", "1001"), ("email", KARI)]).await;
        app.call_as(&shopper, "code_request", &[("number", "1001")]).await;
        let code = code_in(&emails(&app, "Koden din for bestilling 1001").await[0]);
        app.call_as(&shopper, "account_link", &[("email", KARI)]).await;
        let link = password_link(&emails(&app, "Kontoen din hos").await[0]);
        for table in ["one_time_codes", "password_tokens"] {
            sqlx::query(&format!("UPDATE {table} SET expires_at = 1"))
                .execute(app.state.db.pool())
                .await
                .unwrap();
        }
        let (status, body) = app.call_as(&shopper, "code_verify", &[("number", "1001"), ("code", &code)]).await;
        assert_eq!(status, 400);
        assert!(body.contains(r#""field":"code""#), "{body}");
        assert!(app.page_as(&shopper, "/orders/1001").await.1.contains("Hidden in this view"));
        let (status, html) = app.page_as(&browser(), &link).await;
        assert_eq!(status, 404);
        assert!(html.contains("This link doesn't work any more"));
        assert_eq!(set_password(&app, &link, NEW_PASSWORD).await.0, 404);
        let hash: Option<String> = sqlx::query_scalar("SELECT password_hash FROM customers WHERE email = $1")
            .bind(KARI)
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert!(hash.is_none_or(|h| !h.starts_with("$argon2")), "no password was set");
    }

    async fn bad_invitations_are_refused_with_field_messages(engine: Engine) {
        let app = spawn_app(engine).await;
        let owner = owner(&app).await;
        let long = format!("{}@example.com", "a".repeat(300));
        let cases = [
            ("", "required"),
            ("per", "malformed"),
            ("<b>per</b>@example.com", "malformed"),
            (long.as_str(), "too_long"),
        ];
        for (email, problem) in cases {
            let (status, body) = app.call_as(&owner, "team_invite", &[("email", email)]).await;
            assert_eq!(status, 400, "{email}");
            assert!(body.contains(&format!(r#""field":"email","problem":"{problem}""#)), "{email}: {body}");
        }
        let (status, _) = app.call_as(&owner, "team_invite", &[]).await;
        assert_eq!(status, 400, "a missing field is a bad request");
        let members: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM merchant_users")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(members, 1, "nobody was invited");
        assert!(emails(&app, "invited to handle orders").await.is_empty());

        // Internationalised addresses and passwords are real ones.
        let (status, body) = app.call_as(&owner, "team_invite", &[("email", "Pér@Fjörd.example")]).await;
        assert_eq!(status, 200, "{body}");
        let invites = emails(&app, "invited to handle orders").await;
        assert_eq!(invites.len(), 1);
        let password = "fjørd-og-furu-✓-2026";
        assert_eq!(set_password(&app, &password_link(&invites[0]), password).await.0, 200);
        let fields = [("email", "pér@fjörd.example"), ("password", password)];
        assert_eq!(app.call_as(&browser(), "admin_login", &fields).await.0, 200);
        let fields = [("email", "pér@fjörd.example"), ("password", "fjord-og-furu-v-2026")];
        assert_eq!(app.call_as(&browser(), "admin_login", &fields).await.0, 401);
    }

    async fn token_pages_send_their_address_to_no_other_site(engine: Engine) {
        let app = spawn_app(engine).await;
        let response = browser().get(app.url(&format!("/password/{}", "a".repeat(43)))).header("accept", "text/html").send().await.unwrap();
        // Only to this site: a refused form post finds its way back to the page by the Referer.
        assert_eq!(response.headers()["referrer-policy"], "same-origin");
        assert_eq!(response.headers()["cache-control"], "no-store");
        let body = response.text().await.unwrap();
        assert!(body.contains("This link doesn't work any more"));
    }
}
