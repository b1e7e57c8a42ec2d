//! The merchant's cancellation report over HTTP, on both engines: every cancellation — the
//! shopper's, a single line, the shop's — is counted once by reason and by time since the
//! order was placed, over the chosen period, as a chart plus the numbers.
#![cfg(feature = "ssr")]

mod common;

use common::{browser, spawn_app, Engine, TestApp};
use order_portal::server::demo::{OWNER_EMAIL, OWNER_PASSWORD};

async fn version(app: &TestApp, number: &str) -> String {
    let v: i64 = sqlx::query_scalar("SELECT version FROM orders WHERE number = $1")
        .bind(number)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
    v.to_string()
}

/// The report's answer as JSON, for `days`.
async fn report(app: &TestApp, client: &reqwest::Client, days: &str) -> serde_json::Value {
    let (status, body) = app
        .call_as(client, "admin_reports", &[("days", days)])
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn count_of(report: &serde_json::Value, reason: serde_json::Value) -> i64 {
    report["by_reason"]
        .as_array()
        .unwrap()
        .iter()
        .find(|pair| pair[0] == reason)
        .map_or(0, |pair| pair[1].as_i64().unwrap())
}

both_engines! {
    async fn cancellations_are_counted_by_reason_and_by_time_since_the_order(engine: Engine) {
        let app = spawn_app(engine).await;
        let owner = browser();
        let fields = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
        assert_eq!(app.call_as(&owner, "admin_login", &fields).await.0, 200);

        // Before: the demo shop's own cancellations (shoppers, days ago).
        let before = report(&app, &owner, "90").await;
        let demo_total = before["total"].as_i64().unwrap();
        assert!(demo_total >= 1, "the demo has cancellations: {before}");
        assert_eq!(before["by_age"].as_array().unwrap().iter().map(|n| n.as_i64().unwrap()).sum::<i64>(), demo_total);

        // A shopper cancels 1001 right after placing it, with their own words.
        let shopper = app.verified_shopper("1001").await;
        let v = version(&app, "1001").await;
        let form = [("number", "1001"), ("version", v.as_str()), ("reason", "other"), ("other", "Wrong size")];
        let (status, body) = app.call_as(&shopper, "cancel_order", &form).await;
        assert_eq!(status, 200, "{body}");
        // The shop cancels 1002: out of stock.
        let v = version(&app, "1002").await;
        let form = [("number", "1002"), ("version", v.as_str()), ("reason", "out_of_stock")];
        let (status, body) = app.call_as(&owner, "admin_cancel", &form).await;
        assert_eq!(status, 200, "{body}");

        let after = report(&app, &owner, "90").await;
        assert_eq!(after["total"].as_i64().unwrap(), demo_total + 2);
        assert_eq!(after["by_shoppers"].as_i64().unwrap(), before["by_shoppers"].as_i64().unwrap() + 1);
        let other = serde_json::json!({"by": "shopper", "label": "Another reason"});
        assert_eq!(count_of(&after, other.clone()) - count_of(&before, other), 1);
        let shop = serde_json::json!({"by": "shop", "reason": "out_of_stock"});
        assert_eq!(count_of(&after, shop), 1);
        let fresh = |r: &serde_json::Value| r["by_age"][0].as_i64().unwrap();
        let placed_lately: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM orders WHERE number IN ('1001', '1002') AND placed_at > $1",
        )
        .bind(jiff::Timestamp::now().as_millisecond() - 14 * 60_000)
        .fetch_one(app.state.db.pool())
        .await
        .unwrap();
        assert!(placed_lately >= 1, "1001 was placed minutes ago");
        assert_eq!(fresh(&after) - fresh(&before), placed_lately, "cancelled within 15 minutes of placing");
        let all = |r: &serde_json::Value| r["by_age"].as_array().unwrap().iter().map(|n| n.as_i64().unwrap()).sum::<i64>();
        assert_eq!(all(&after) - all(&before), 2, "each cancellation in exactly one bucket");

        // A shorter period leaves the demo's old cancellations out; an odd one reads as 30.
        let week = report(&app, &owner, "7").await;
        assert!(week["total"].as_i64().unwrap() >= 2 && week["total"].as_i64().unwrap() <= after["total"].as_i64().unwrap());
        assert_eq!(report(&app, &owner, "12").await["days"], 30);

        // The page: chart and table, the same numbers.
        let (status, page) = app.page_as(&owner, "/admin/reports?days=90").await;
        assert_eq!(status, 200);
        // Two cancellation charts, and one for estimate accuracy (the demo has shipped orders
        // with promised windows).
        assert_eq!(page.matches("<svg ").count(), 3, "charts drawn on the server");
        assert!(page.contains("Estimate accuracy") && page.contains("Orders by promise kept"));
        assert!(page.contains(r#"class="chart-bar""#) && page.contains(r#"role="img""#));
        assert!(page.contains("Cancelled by the shop: Out of stock"));
        assert!(page.contains("Another reason"));
        let summary = format!("Cancellations in this period: {},", demo_total + 2);
        assert!(page.contains(&summary), "{summary}");

        // Only for the shop's team.
        assert_eq!(app.call_as(&browser(), "admin_reports", &[("days", "30")]).await.0, 401);
        let (_, page) = app.page_as(&browser(), "/admin/reports").await;
        assert!(!page.contains("Cancellations in this period"));
    }
}
