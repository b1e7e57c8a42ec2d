//! The shop handles orders from the console: holds, shipments, deliveries, cancellation. Every
//! action applies exactly once and shows up for the shopper. Both engines.
#![cfg(feature = "ssr")]

mod common;

use common::{following_browser, spawn_app, Engine, TestApp};
use order_portal::server::demo::{OWNER_EMAIL, OWNER_PASSWORD};
use order_portal::server::store::orders;

async fn sign_in(app: &TestApp) {
    let response = app
        .client
        .post(app.url("/fn/admin_login"))
        .header("accept", "application/json")
        .form(&[("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
}

async fn version(app: &TestApp, number: &str) -> String {
    let mut conn = app.state.db.read().await.unwrap();
    let order = orders::find_by_number(&mut conn, number)
        .await
        .unwrap()
        .unwrap();
    order.version.to_string()
}

async fn scalar(app: &TestApp, sql: &str, number: &str) -> i64 {
    let mut conn = app.state.db.read().await.unwrap();
    sqlx::query_scalar(sql)
        .bind(number)
        .fetch_one(&mut *conn)
        .await
        .unwrap()
}

const PARCELS: &str =
    "SELECT COUNT(*) FROM fulfilments f JOIN orders o ON o.id = f.order_id WHERE o.number = $1";

/// Line ids of an order, in position order.
async fn line_ids(app: &TestApp, number: &str) -> Vec<String> {
    let mut conn = app.state.db.read().await.unwrap();
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT l.id FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE o.number = $1 ORDER BY l.position",
    )
    .bind(number)
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    ids.into_iter().map(|id| id.to_string()).collect()
}

/// The shipment form for order 1001 (2 × first item, 1 × second): `first` and `second` units.
async fn ship_form(app: &TestApp, first: &str, second: &str, url: &str) -> Vec<(String, String)> {
    let ids = line_ids(app, "1001").await;
    [
        ("number", "1001"),
        ("lines[0][line]", &ids[0]),
        ("lines[0][quantity]", first),
        ("lines[1][line]", &ids[1]),
        ("lines[1][quantity]", second),
        ("carrier", "Posten"),
        ("tracking_number", "70712345678901234"),
        ("tracking_url", url),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .chain([("version".to_string(), version(app, "1001").await)])
    .collect()
}

fn fields(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

both_engines! {
    async fn a_recorded_shipment_reaches_the_shopper_page_and_inbox(engine: Engine) {
        let app = spawn_app(engine).await;
        sign_in(&app).await;
        let form = ship_form(&app, "2", "", "https://sporing.posten.no/70712345678901234").await;
        let (status, body) = app.call("admin_ship", &fields(&form)).await;
        assert_eq!(status, 200, "{body}");

        // The console shows the parcel and who shipped it.
        let (status, admin) = app.page("/admin/orders/1001").await;
        assert_eq!(status, 200);
        assert!(admin.contains("Partly shipped"), "fulfilment status");
        assert!(admin.contains(&format!("Shop · {OWNER_EMAIL}")), "acting user in the timeline");
        assert!(admin.contains("Email to the customer: shipped"));

        // The shopper sees the parcel with its tracking, and gets an email about it.
        let shopper = following_browser();
        let page = shopper
            .get(app.url(&app.signed_link("1001").await))
            .header("accept", "text/html")
            .send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Partly shipped"));
        assert!(page.contains("Tracking number 70712345678901234"));
        assert!(page.contains("https://sporing.posten.no/70712345678901234"));
        assert!(page.contains("Shipped with Posten"));
        app.drain_outbox().await;
        let shipped: Vec<String> = app.sent_emails().into_iter()
            // Kari's order is in Norwegian, and so are its emails.
            .filter(|m| m.contains("Subject: Bestilling 1001 er på vei")).collect();
        assert_eq!(shipped.len(), 1);
        assert!(shipped[0].contains("70712345678901234"));
    }

    async fn a_double_submitted_shipment_is_recorded_once(engine: Engine) {
        let app = spawn_app(engine).await;
        sign_in(&app).await;
        let form = ship_form(&app, "1", "1", "").await;
        let form = fields(&form);
        let (a, b) = tokio::join!(app.call("admin_ship", &form), app.call("admin_ship", &form));
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "{a:?} {b:?}");
        assert!(a.1.contains("conflict") || b.1.contains("conflict"));
        assert_eq!(scalar(&app, PARCELS, "1001").await, 1);
        let shipped = scalar(&app,
            "SELECT CAST(SUM(quantity_fulfilled) AS BIGINT) FROM order_lines l
             JOIN orders o ON o.id = l.order_id WHERE o.number = $1", "1001").await;
        assert_eq!(shipped, 2);
    }

    async fn shipment_input_is_checked_and_changes_nothing(engine: Engine) {
        let app = spawn_app(engine).await;
        sign_in(&app).await;
        let before = version(&app, "1001").await;
        for (first, second, url, expect) in [
            ("3", "0", "", "refused"),            // more than ordered
            ("0", "0", "", "nothing_selected"),
            ("two", "0", "", "quantity"),
            ("1", "0", "javascript:alert(1)", "tracking_url"),
            ("-1", "0", "", "quantity"),
        ] {
            let form = ship_form(&app, first, second, url).await;
            let (status, body) = app.call("admin_ship", &fields(&form)).await;
            assert!(status == 400 || status == 409, "{first}/{url}: {status}");
            assert!(body.contains(expect), "{first}/{url}: {body}");
        }
        let long_carrier = "x".repeat(101);
        let mut form = ship_form(&app, "1", "0", "").await;
        form.iter_mut().find(|(k, _)| k == "carrier").unwrap().1 = long_carrier;
        let (status, body) = app.call("admin_ship", &fields(&form)).await;
        assert_eq!(status, 400);
        assert!(body.contains(r#""field":"carrier""#) && body.contains("too_long"), "{body}");
        assert_eq!(version(&app, "1001").await, before, "nothing was written");
        assert_eq!(scalar(&app, PARCELS, "1001").await, 0);
    }

    async fn text_with_a_nul_byte_is_refused_as_input_not_a_server_error(engine: Engine) {
        // Found by tests/fuzz.rs: PostgreSQL cannot store U+0000, so such text must never reach it.
        let app = spawn_app(engine).await;
        sign_in(&app).await;
        let v = version(&app, "1001").await;
        let (status, body) = app.call("admin_place_hold", &[
            ("number", "1001"), ("version", &v), ("reason", "fraud_review"), ("note", "card\u{0}country"),
        ]).await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains(r#""field":"note""#) && body.contains("malformed"), "{body}");
        assert_eq!(version(&app, "1001").await, v, "nothing was written");
        let form: Vec<(String, String)> = ship_form(&app, "1", "0", "").await.into_iter()
            .map(|(k, val)| if k == "carrier" { (k, "Pos\u{0}ten".to_owned()) } else { (k, val) })
            .collect();
        let (status, body) = app.call("admin_ship", &fields(&form)).await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains(r#""field":"carrier""#), "{body}");
        let (status, _) = app.page("/admin/products/FF%00MUG").await;
        assert_eq!(status, 404);
        let (status, html) = app.page("/admin/products?q=mug%00").await;
        assert!(status < 500, "{status}: {html}");
    }

    async fn a_hold_blocks_shipping_until_released(engine: Engine) {
        let app = spawn_app(engine).await;
        sign_in(&app).await;
        let v = version(&app, "1001").await;
        let (status, body) = app.call("admin_place_hold", &[
            ("number", "1001"), ("version", &v), ("reason", "fraud_review"), ("note", "card country differs"),
        ]).await;
        assert_eq!(status, 200, "{body}");
        let form = ship_form(&app, "1", "0", "").await;
        let (status, body) = app.call("admin_ship", &fields(&form)).await;
        assert_eq!(status, 409);
        assert!(body.contains("on_hold"), "{body}");

        // The shopper sees a friendly hold, never the note.
        let shopper = following_browser();
        let page = shopper.get(app.url(&app.signed_link("1001").await))
            .header("accept", "text/html").send().await.unwrap().text().await.unwrap();
        assert!(page.contains("routine check"));
        assert!(!page.contains("card country"));
        let (_, admin) = app.page("/admin/orders/1001").await;
        assert!(admin.contains("card country differs"), "the note is for colleagues");

        let v = version(&app, "1001").await;
        let (status, _) = app.call("admin_release_hold", &[("number", "1001"), ("version", &v)]).await;
        assert_eq!(status, 200);
        let (status, _) = app.call("admin_release_hold", &[("number", "1001"), ("version", &version(&app, "1001").await)]).await;
        assert_eq!(status, 409, "released once");
        let form = ship_form(&app, "1", "0", "").await;
        assert_eq!(app.call("admin_ship", &fields(&form)).await.0, 200);
    }

    async fn a_parcel_is_marked_delivered_once(engine: Engine) {
        let app = spawn_app(engine).await;
        sign_in(&app).await;
        let form = ship_form(&app, "2", "1", "").await;
        assert_eq!(app.call("admin_ship", &fields(&form)).await.0, 200);
        let parcel = scalar(&app,
            "SELECT f.id FROM fulfilments f JOIN orders o ON o.id = f.order_id WHERE o.number = $1",
            "1001").await.to_string();
        let v = version(&app, "1001").await;
        let deliver = [("number", "1001"), ("version", v.as_str()), ("shipment", parcel.as_str())];
        assert_eq!(app.call("admin_mark_delivered", &deliver).await.0, 200);
        let v = version(&app, "1001").await;
        let again = [("number", "1001"), ("version", v.as_str()), ("shipment", parcel.as_str())];
        let (status, body) = app.call("admin_mark_delivered", &again).await;
        assert_eq!(status, 409);
        assert!(body.contains("already_delivered"));
        let shopper = following_browser();
        let page = shopper.get(app.url(&app.signed_link("1001").await))
            .header("accept", "text/html").send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Your order has been delivered"));
    }

    async fn the_shop_cancels_with_refund_restock_and_email(engine: Engine) {
        let app = spawn_app(engine).await;
        sign_in(&app).await;
        let stock = |app: &TestApp| {
            let db = app.state.db.clone();
            async move {
                let mut conn = db.read().await.unwrap();
                let n: i64 = sqlx::query_scalar(
                    "SELECT p.stock FROM products p JOIN order_lines l ON l.sku = p.sku
                     JOIN orders o ON o.id = l.order_id WHERE o.number = '1001' ORDER BY l.position LIMIT 1")
                    .fetch_one(&mut *conn).await.unwrap();
                n
            }
        };
        let before = stock(&app).await;
        let v = version(&app, "1001").await;
        let cancel = [("number", "1001"), ("version", v.as_str()), ("reason", "out_of_stock"), ("restock", "yes"), ("notify", "yes")];
        let (a, b) = tokio::join!(app.call("admin_cancel", &cancel), app.call("admin_cancel", &cancel));
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(statuses, [200, 409]);
        assert_eq!(stock(&app).await, before + 2, "restocked once");
        let refunds = scalar(&app,
            "SELECT COUNT(*) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = $1", "1001").await;
        assert_eq!(refunds, 1);

        app.drain_outbox().await;
        let mails: Vec<String> = app.sent_emails().into_iter()
            .filter(|m| m.contains("Subject: Bestilling 1001 er kansellert")).collect();
        assert_eq!(mails.len(), 1);
        assert!(mails[0].contains("En refusjon på"));

        let shopper = following_browser();
        let page = shopper.get(app.url(&app.signed_link("1001").await))
            .header("accept", "text/html").send().await.unwrap().text().await.unwrap();
        assert!(page.contains("This order has been cancelled"));
        assert!(!page.contains("out_of_stock") && !page.contains("Out of stock"), "reason stays with the shop");
        let (_, admin) = app.page("/admin/orders/1001").await;
        assert!(admin.contains("Order cancelled: Out of stock"));

        // Nothing more can happen to it.
        let form = ship_form(&app, "1", "0", "").await;
        let (status, body) = app.call("admin_ship", &fields(&form)).await;
        assert_eq!(status, 409);
        assert!(body.contains("order_cancelled"));
    }

    async fn a_quiet_cancellation_sends_no_email(engine: Engine) {
        let app = spawn_app(engine).await;
        sign_in(&app).await;
        app.drain_outbox().await;
        let sent = app.sent_emails().len();
        let v = version(&app, "1002").await;
        let (status, _) = app.call("admin_cancel", &[("number", "1002"), ("version", &v), ("reason", "fraud_suspected")]).await;
        assert_eq!(status, 200);
        app.drain_outbox().await;
        assert_eq!(app.sent_emails().len(), sent);
        let (status, _) = app.call("admin_cancel", &[("number", "1002"), ("version", &version(&app, "1002").await), ("reason", "nonsense")]).await;
        assert_eq!(status, 400);
    }

    async fn console_actions_need_a_signed_in_merchant(engine: Engine) {
        let app = spawn_app(engine).await;
        let v = version(&app, "1001").await;
        let (status, _) = app.call("admin_place_hold", &[("number", "1001"), ("version", &v), ("reason", "other")]).await;
        assert_eq!(status, 401);
        assert_eq!(app.page("/admin/orders/1001").await.0, 302);
        // A shopper verified for the order is still not the shop.
        app.get(&app.signed_link("1001").await).await;
        let (status, _) = app.call("admin_place_hold", &[("number", "1001"), ("version", &v), ("reason", "other")]).await;
        assert_eq!(status, 401);
        assert_eq!(version(&app, "1001").await, v);
        sign_in(&app).await;
        assert_eq!(app.page("/admin/orders/9999").await.0, 404);
    }

    async fn the_page_works_without_javascript(engine: Engine) {
        let app = spawn_app(engine).await;
        sign_in(&app).await;
        let v = version(&app, "1001").await;
        let response = app.client.post(app.url("/fn/admin_place_hold"))
            .header("accept", "text/html")
            .header("referer", app.url("/admin/orders/1001"))
            .form(&[("number", "1001"), ("version", v.as_str()), ("reason", "address_check"), ("note", "")])
            .send().await.unwrap();
        assert_eq!(response.status().as_u16(), 302);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert_eq!(location, "/admin/orders/1001?done=hold_placed");
        let (_, html) = app.page(&location).await;
        assert!(html.contains("The order is on hold."));
        assert!(html.contains("data-testid=\"hold\""));

        // A stale form posted without JavaScript comes back with the message.
        let response = app.client.post(app.url("/fn/admin_release_hold"))
            .header("accept", "text/html")
            .header("referer", app.url("/admin/orders/1001"))
            .form(&[("number", "1001"), ("version", v.as_str())])
            .send().await.unwrap();
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.contains("__err="), "{location}");
        let (_, html) = app.page(location.trim_start_matches(&app.base)).await;
        assert!(html.contains("Someone changed this order"), "the conflict is explained");
    }
}
