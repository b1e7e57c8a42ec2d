use super::*;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn line(title: &str, ordered: u32, fulfilled: u32, locked: bool) -> LineFacts {
    LineFacts {
        title: title.into(),
        quantities: LineQuantities {
            ordered,
            fulfilled,
            cancelled: 0,
            backordered: 0,
        },
        locked,
    }
}

fn order() -> OrderFacts {
    OrderFacts {
        lifecycle: Lifecycle::Open,
        payment: PaymentStatus::Paid,
        placed_at: at("2026-11-20T13:35:00Z"),
        promised_deadline: at("2026-11-20T14:35:00Z"),
        lines: vec![line("Stoneware mug", 2, 0, false)],
        fulfilment_in_progress: false,
        request_pending: false,
    }
}

const DEADLINE: &str = "2026-11-20T14:35:00Z";

#[test]
fn one_second_before_the_deadline_may_cancel_and_at_it_may_only_ask() {
    let policy = Policy::default();
    let before = at("2026-11-20T14:34:59Z");
    assert_eq!(
        decide(&order(), &policy, before),
        Decision::Cancel {
            deadline: at(DEADLINE)
        }
    );
    assert_eq!(
        decide(&order(), &policy, at(DEADLINE)),
        Decision::Request {
            because: Blocker::WindowClosed
        }
    );
    let strict = Policy {
        requests_after_window: false,
        ..Policy::default()
    };
    assert_eq!(
        decide(&order(), &strict, at(DEADLINE)),
        Decision::No {
            because: Blocker::WindowClosed
        }
    );
}

#[test]
fn each_refusal_has_its_reason() {
    let policy = Policy::default();
    let now = at("2026-11-20T13:40:00Z");
    let cases: Vec<(OrderFacts, Policy, Decision)> = vec![
        (
            OrderFacts {
                lifecycle: Lifecycle::Cancelled,
                ..order()
            },
            policy.clone(),
            Decision::No {
                because: Blocker::AlreadyCancelled,
            },
        ),
        (
            OrderFacts {
                lifecycle: Lifecycle::Closed,
                ..order()
            },
            policy.clone(),
            Decision::No {
                because: Blocker::OrderClosed,
            },
        ),
        (
            order(),
            Policy {
                enabled: false,
                ..Policy::default()
            },
            Decision::No {
                because: Blocker::CancellingDisabled,
            },
        ),
        (
            OrderFacts {
                payment: PaymentStatus::Pending,
                ..order()
            },
            policy.clone(),
            Decision::No {
                because: Blocker::PaymentPending,
            },
        ),
        (
            OrderFacts {
                lines: vec![line("Stoneware mug", 2, 1, false)],
                ..order()
            },
            policy.clone(),
            Decision::No {
                because: Blocker::FulfilmentStarted,
            },
        ),
        (
            OrderFacts {
                fulfilment_in_progress: true,
                ..order()
            },
            policy.clone(),
            Decision::No {
                because: Blocker::FulfilmentStarted,
            },
        ),
        (
            OrderFacts {
                lines: vec![
                    line("Stoneware mug", 2, 0, false),
                    line("Oak chair, made for you", 1, 0, true),
                ],
                ..order()
            },
            policy.clone(),
            Decision::Request {
                because: Blocker::ItemNotCancellable {
                    title: "Oak chair, made for you".into(),
                },
            },
        ),
        (
            OrderFacts {
                request_pending: true,
                ..order()
            },
            policy.clone(),
            Decision::No {
                because: Blocker::AlreadyRequested,
            },
        ),
    ];
    for (facts, policy, expected) in cases {
        assert_eq!(decide(&facts, &policy, now), expected, "{facts:?}");
    }
    let authorized = OrderFacts {
        payment: PaymentStatus::Authorized,
        ..order()
    };
    assert!(decide(&authorized, &policy, now).may_cancel());
}

#[test]
fn a_shorter_policy_never_takes_promised_time_and_a_longer_one_extends_it() {
    let shorter = Policy {
        window_minutes: 10,
        ..Policy::default()
    };
    let now = at("2026-11-20T14:00:00Z");
    assert_eq!(
        decide(&order(), &shorter, now),
        Decision::Cancel {
            deadline: at(DEADLINE)
        }
    );
    let longer = Policy {
        window_minutes: 120,
        ..Policy::default()
    };
    assert_eq!(
        decide(&order(), &longer, now),
        Decision::Cancel {
            deadline: at("2026-11-20T15:35:00Z")
        }
    );
}

/// A small deterministic generator, so the property runs are repeatable.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn never_allowed_after_the_deadline_after_any_fulfilment_or_while_payment_is_pending() {
    let mut rng = Lcg(7);
    let payments = PaymentStatus::ALL;
    for _ in 0..20_000 {
        let placed =
            at("2026-11-20T12:00:00Z") + SignedDuration::from_secs(rng.next(86_400) as i64);
        let window = rng.next(600) as u32;
        let promised_window = rng.next(600) as i64;
        let policy = Policy {
            enabled: rng.next(5) > 0,
            window_minutes: window,
            requests_after_window: rng.next(2) == 0,
            ..Policy::default()
        };
        let lines: Vec<LineFacts> = (0..=rng.next(3))
            .map(|i| {
                let ordered = 1 + rng.next(4) as u32;
                let fulfilled = if rng.next(4) == 0 {
                    rng.next(u64::from(ordered) + 1) as u32
                } else {
                    0
                };
                line(&format!("item {i}"), ordered, fulfilled, rng.next(8) == 0)
            })
            .collect();
        let facts = OrderFacts {
            lifecycle: Lifecycle::ALL[rng.next(3) as usize],
            payment: payments[rng.next(payments.len() as u64) as usize],
            placed_at: placed,
            promised_deadline: placed + SignedDuration::from_mins(promised_window),
            lines,
            fulfilment_in_progress: rng.next(6) == 0,
            request_pending: rng.next(6) == 0,
        };
        let now = placed + SignedDuration::from_secs(rng.next(40_000) as i64);
        let decision = decide(&facts, &policy, now);
        if let Decision::Cancel { deadline: d } = decision {
            assert!(now < d, "allowed at or after the deadline: {facts:?}");
            assert_eq!(d, deadline(&facts, &policy));
            assert!(facts.lines.iter().all(|l| l.quantities.fulfilled == 0));
            assert!(!facts.fulfilment_in_progress);
            assert_ne!(facts.payment, PaymentStatus::Pending);
            assert_eq!(facts.lifecycle, Lifecycle::Open);
            assert!(policy.enabled);
            assert!(facts.lines.iter().all(|l| !l.locked));
        }
        let lines_policy = Policy {
            allow_line_cancel: rng.next(4) > 0,
            ..policy
        };
        for index in 0..facts.lines.len() {
            if let Decision::Cancel { deadline: d } = decide_line(&facts, &lines_policy, now, index)
            {
                let line = &facts.lines[index];
                assert!(
                    now < d,
                    "a line allowed at or after the deadline: {facts:?}"
                );
                assert!(lines_policy.allow_line_cancel && lines_policy.enabled);
                assert!(!line.locked && line.quantities.open() > 0);
                assert!(facts.lines.iter().all(|l| l.quantities.fulfilled == 0));
                assert!(!facts.fulfilment_in_progress);
                assert!(matches!(
                    facts.payment,
                    PaymentStatus::Paid | PaymentStatus::Authorized
                ));
                assert_eq!(facts.lifecycle, Lifecycle::Open);
            }
        }
    }
}

#[test]
fn single_lines_follow_the_order_rules_and_a_locked_item_blocks_only_itself() {
    let lines = Policy {
        allow_line_cancel: true,
        ..Policy::default()
    };
    let mut facts = order();
    facts.lines = vec![
        line("Stoneware mug", 2, 0, false),
        line("Chair (made to order)", 1, 0, true),
        LineFacts {
            quantities: LineQuantities {
                ordered: 1,
                fulfilled: 0,
                cancelled: 1,
                backordered: 0,
            },
            ..line("Plate", 1, 0, false)
        },
    ];
    let before = at("2026-11-20T14:34:59Z");
    let cancel = Decision::Cancel {
        deadline: at(DEADLINE),
    };
    let no = |because| Decision::No { because };
    assert_eq!(decide_line(&facts, &lines, before, 0), cancel);
    let chair = Blocker::ItemNotCancellable {
        title: "Chair (made to order)".into(),
    };
    assert_eq!(decide_line(&facts, &lines, before, 1), no(chair.clone()));
    assert_eq!(
        decide(&facts, &lines, before),
        Decision::Request { because: chair },
        "the whole order is blocked by the chair"
    );
    assert_eq!(
        decide_line(&facts, &lines, before, 2),
        no(Blocker::NothingToCancel)
    );
    assert_eq!(
        decide_line(&facts, &lines, before, 9),
        no(Blocker::NothingToCancel)
    );
    assert_eq!(
        decide_line(&facts, &Policy::default(), before, 0),
        no(Blocker::LinesNotCancellable)
    );
    // The order's rules come first, and a line never turns into a request.
    assert_eq!(
        decide_line(&facts, &lines, at(DEADLINE), 0),
        no(Blocker::WindowClosed)
    );
    let mut shipped = facts.clone();
    shipped.lines[0].quantities.fulfilled = 1;
    assert_eq!(
        decide_line(&shipped, &lines, before, 0),
        no(Blocker::FulfilmentStarted)
    );
    let mut pending = facts.clone();
    pending.payment = PaymentStatus::Pending;
    assert_eq!(
        decide_line(&pending, &lines, before, 0),
        no(Blocker::PaymentPending)
    );
}

/// A reason with its label only.
fn reason(code: &str, label: &str) -> ReasonOption {
    ReasonOption {
        code: code.into(),
        label: label.into(),
        translations: Default::default(),
    }
}

/// A reason translated into `tag`.
fn translated(tag: &str, text: &str) -> ReasonOption {
    ReasonOption {
        translations: [(tag.to_owned(), text.to_owned())].into(),
        ..reason("late", "Too late")
    }
}

fn with_reasons(reasons: Vec<ReasonOption>) -> Policy {
    Policy {
        reasons,
        ..Policy::default()
    }
}

#[test]
fn a_policy_is_checked_and_tidied() {
    let ok = with_reasons(vec![reason("late", "  Too late ")]);
    assert_eq!(ok.validated().unwrap().reasons[0].label, "Too late");
    // Translations are trimmed; an empty one is dropped, so the label stands in.
    let mut both = translated("nb", " For sent ");
    both.translations.insert("fi".into(), "  ".into());
    let tidied = with_reasons(vec![both]).validated().unwrap();
    assert_eq!(
        tidied.reasons[0].translations,
        [("nb".to_owned(), "For sent".to_owned())].into()
    );
    let cases = [
        (
            Policy {
                window_minutes: MAX_WINDOW_MINUTES + 1,
                ..Policy::default()
            },
            PolicyField::WindowMinutes,
        ),
        (with_reasons(vec![]), PolicyField::Reasons),
        (
            with_reasons(vec![reason("A B", "x")]),
            PolicyField::ReasonCode(0),
        ),
        (
            with_reasons(vec![reason("a", "x"), reason("a", "y")]),
            PolicyField::ReasonCode(1),
        ),
        (
            with_reasons(vec![reason("a", " ")]),
            PolicyField::ReasonLabel(0),
        ),
        (
            with_reasons(vec![reason("a", "x"), translated("sv", "För sent")]),
            PolicyField::ReasonTranslation(1, "sv".into()),
        ),
        (
            with_reasons(vec![translated("fi", &"x".repeat(MAX_REASON_LABEL + 1))]),
            PolicyField::ReasonTranslation(0, "fi".into()),
        ),
        (
            with_reasons(vec![translated("nl", "Te\u{7}laat")]),
            PolicyField::ReasonTranslation(0, "nl".into()),
        ),
    ];
    for (policy, field) in cases {
        assert_eq!(policy.validated().unwrap_err().0, field);
    }
}

#[test]
fn a_shopper_reads_a_reason_in_their_language_or_else_its_label() {
    let late = translated("nb", "For sent");
    assert_eq!(late.label_in(Locale::Nb), "For sent");
    assert_eq!(late.label_in(Locale::Fi), "Too late");
    assert_eq!(late.label_in(Locale::En), "Too late");
    // The default reasons speak every language of the portal, each in its own words.
    let default = Policy::default();
    for r in &default.reasons {
        let labels: std::collections::BTreeSet<&str> =
            Locale::ALL.iter().map(|l| r.label_in(*l)).collect();
        assert_eq!(labels.len(), Locale::ALL.len(), "{}: {labels:?}", r.code);
    }
    assert_eq!(default.reasons[0].label, "I changed my mind");
    assert_eq!(
        default.validated().unwrap(),
        Policy::default(),
        "valid as is"
    );
}

#[test]
fn codes_are_made_from_labels() {
    assert_eq!(
        code_from_label("Kjøpte feil størrelse!"),
        "kjopte_feil_storrelse"
    );
    assert_eq!(code_from_label("  Too slow -- sorry "), "too_slow_sorry");
}
