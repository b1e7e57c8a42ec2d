//! Sign-in timing: does an unknown email answer as fast (or slow) as a wrong password? Run it
//! against a portal started with the demo shop and high sign-in limits (see docs/benchmarks.md):
//!
//! ```text
//! cargo run --release --features ssr --example login_timing -- http://127.0.0.1:3000 200
//! ```
//!
//! It alternates the two kinds of attempt, so drift in the machine's load hits both alike, and
//! prints the median and 90th percentile of each and their difference.

use std::time::{Duration, Instant};

const KNOWN: &str = "owner@fjordogfuru.example";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = args
        .first()
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:3000".into());
    let rounds: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(100);
    let client = reqwest::Client::new();
    let attempt = |email: String| {
        let client = client.clone();
        let url = format!("{base}/fn/admin_login");
        async move {
            let started = Instant::now();
            let response = client
                .post(url)
                .header("accept", "application/json")
                .form(&[("email", email.as_str()), ("password", "not-the-password")])
                .send()
                .await
                .expect("the portal answers");
            let status = response.status().as_u16();
            let body = response.text().await.unwrap_or_default();
            (started.elapsed(), status, body)
        }
    };
    let (mut unknown, mut wrong) = (Vec::new(), Vec::new());
    let mut answers = std::collections::BTreeSet::new();
    for i in 0..rounds {
        let (t, status, body) = attempt(format!("nobody-{i}@example.com")).await;
        unknown.push(t);
        answers.insert((status, body));
        let (t, status, body) = attempt(KNOWN.to_owned()).await;
        wrong.push(t);
        answers.insert((status, body));
    }
    unknown.sort();
    wrong.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("rounds: {rounds} of each");
    println!(
        "unknown email : median {:7.2} ms, p90 {:7.2} ms",
        ms(percentile(&unknown, 0.5)),
        ms(percentile(&unknown, 0.9))
    );
    println!(
        "wrong password: median {:7.2} ms, p90 {:7.2} ms",
        ms(percentile(&wrong, 0.5)),
        ms(percentile(&wrong, 0.9))
    );
    let diff = ms(percentile(&wrong, 0.5)) - ms(percentile(&unknown, 0.5));
    println!("median difference (wrong − unknown): {diff:+.2} ms");
    println!("distinct answers (status, body): {}", answers.len());
    for (status, body) in &answers {
        println!("  {status} {body}");
    }
}
