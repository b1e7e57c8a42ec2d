//! The team's product pages over HTTP, on both engines: list and search, edit with the same
//! rules as the API, stale forms refused, every save audited, and a product flagged not
//! cancellable stops shoppers cancelling orders that contain it.
#![cfg(feature = "ssr")]

mod common;

use common::{browser, spawn_app, Engine, TestApp};
use order_portal::server::demo::{OWNER_EMAIL, OWNER_PASSWORD};

async fn owner(app: &TestApp) -> reqwest::Client {
    let client = browser();
    let fields = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
    assert_eq!(app.call_as(&client, "admin_login", &fields).await.0, 200);
    client
}

async fn product(app: &TestApp, client: &reqwest::Client, sku: &str) -> serde_json::Value {
    let (status, body) = app.call_as(client, "admin_product", &[("sku", sku)]).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// The SKU of a product on an open, paid demo order that its shopper may cancel now.
const MUG: &str = "FF-MUG-01";

both_engines! {
    async fn the_team_lists_searches_and_edits_products(engine: Engine) {
        let app = spawn_app(engine).await;
        let owner = owner(&app).await;
        let (status, page) = app.page_as(&owner, "/admin/products").await;
        assert_eq!(status, 200);
        assert!(page.contains(MUG) && page.contains("Shop default"), "the demo catalogue is listed");
        let (_, page) = app.page_as(&owner, "/admin/products?search=lamp").await;
        assert!(page.contains("FF-LAMP-03") && !page.contains(MUG), "search by name");
        let (_, page) = app.page_as(&owner, "/admin/products?search=nothing-like-this").await;
        assert!(page.contains("No products match."));

        let before = product(&app, &owner, MUG).await;
        let version = before["version"].to_string();
        let form = |v: &str, min: &str, max: &str, stock: &str, restock: &str, title: &str| {
            vec![
                ("sku", MUG.to_owned()), ("version", v.to_owned()), ("title", title.to_owned()),
                ("processing_min", min.to_owned()), ("processing_max", max.to_owned()),
                ("stock", stock.to_owned()), ("expected_restock", restock.to_owned()),
                ("not_cancellable", "on".to_owned()),
            ]
        };
        let call = |fields: Vec<(&'static str, String)>| {
            let owner = owner.clone();
            let app = &app;
            async move {
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.call_as(&owner, "admin_product_save", &fields).await
            }
        };
        // Bad input: clear field errors, nothing stored.
        for (fields, field, problem) in [
            (form(&version, "3", "2", "5", "", "Mug"), "processing_days", "mismatch"),
            (form(&version, "3", "", "5", "", "Mug"), "processing_days", "required"),
            (form(&version, "1", "400", "5", "", "Mug"), "processing_days", "too_long"),
            (form(&version, "", "", "many", "", "Mug"), "stock", "malformed"),
            (form(&version, "", "", "-1", "", "Mug"), "stock", "malformed"),
            (form(&version, "", "", "5", "2026-02-30", "Mug"), "restock_date", "malformed"),
            (form(&version, "", "", "5", "", "  "), "title", "required"),
        ] {
            let (status, body) = call(fields).await;
            assert_eq!(status, 400, "{body}");
            assert!(body.contains(&format!(r#""field":"{field}","problem":"{problem}""#)), "{body}");
        }
        assert_eq!(product(&app, &owner, MUG).await, before, "refusals changed nothing");

        // A good save; the same form again is stale.
        let good = form(&version, "2", "4", "12", "2026-12-24", "Stoneware mug “Fjord”");
        let (status, body) = call(good.clone()).await;
        assert_eq!(status, 200, "{body}");
        let after = product(&app, &owner, MUG).await;
        assert_eq!(after["processing_days"], serde_json::json!([2, 4]));
        assert_eq!(after["stock"], 12);
        assert_eq!(after["expected_restock"], "2026-12-24");
        assert_eq!(after["not_cancellable"], true);
        assert_eq!(after["made_to_order"], false, "unticked");
        assert_eq!(call(good).await.0, 409, "a stale form changes nothing");
        let audits: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'product_changed'")
            .fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(audits, 1);
        let (_, page) = app.page_as(&owner, &format!("/admin/products/{MUG}?done=saved")).await;
        assert!(page.contains("Saved. The change is recorded.") && page.contains("2026-12-24"));

        // Unknown products and strangers.
        assert_eq!(app.call_as(&owner, "admin_product", &[("sku", "NO-SUCH")]).await.0, 404);
        assert_eq!(app.call_as(&browser(), "admin_products", &[]).await.0, 401);
    }

    async fn a_product_flagged_not_cancellable_stops_self_service_cancelling(engine: Engine) {
        let app = spawn_app(engine).await;
        let owner = owner(&app).await;
        // Order 1001 is open, paid and inside its window: the shopper may cancel it.
        let shopper = app.verified_shopper("1001").await;
        let (_, page) = app.page_as(&shopper, "/orders/1001").await;
        assert!(page.contains("You can cancel until"), "cancellable before");
        let sku: String = sqlx::query_scalar(
            "SELECT MIN(l.sku) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.number = '1001'",
        )
        .fetch_one(app.state.db.pool()).await.unwrap();
        let p = product(&app, &owner, &sku).await;
        let fields = [
            ("sku", sku.as_str()), ("version", &p["version"].to_string()), ("title", p["title"].as_str().unwrap()),
            ("stock", &p["stock"].to_string()), ("not_cancellable", "on"),
        ];
        let (status, body) = app.call_as(&owner, "admin_product_save", &fields).await;
        assert_eq!(status, 200, "{body}");
        let (_, page) = app.page_as(&shopper, "/orders/1001").await;
        assert!(!page.contains("You can cancel until"), "no longer cancellable by the shopper");
        assert!(page.contains("so the order can&#x27;t be cancelled here") || page.contains("so the order can't be cancelled here"), "the page names why");
    }
}
