use super::*;

use LineQuantities as Q;

struct Case {
    name: &'static str,
    lifecycle: Lifecycle,
    payment: PaymentStatus,
    lines: Vec<LineQuantities>,
    fulfilments: Vec<FulfilmentState>,
    hold: Option<HoldReason>,
    requested: bool,
    status: FulfilmentStatus,
    stage: CustomerStage,
}

fn case(name: &'static str) -> Case {
    Case {
        name,
        lifecycle: Lifecycle::Open,
        payment: PaymentStatus::Paid,
        lines: vec![Q::new(2, 0, 0, 0)],
        fulfilments: vec![],
        hold: None,
        requested: false,
        status: FulfilmentStatus::Unfulfilled,
        stage: CustomerStage::Processing,
    }
}

fn cases() -> Vec<Case> {
    use CustomerStage as S;
    use FulfilmentState as F;
    use FulfilmentStatus as St;
    vec![
        case("a paid order with nothing shipped is processing"),
        Case {
            payment: PaymentStatus::Pending,
            stage: S::Received,
            ..case("an order whose payment is pending is received")
        },
        Case {
            lines: vec![Q::new(2, 0, 0, 0), Q::new(1, 0, 0, 1)],
            stage: S::WaitingForStock,
            ..case("a backordered line makes the order wait for stock")
        },
        Case {
            lines: vec![Q::new(1, 0, 1, 1)],
            stage: S::Processing,
            ..case("a cancelled backordered quantity no longer waits for stock")
        },
        Case {
            hold: Some(HoldReason::AddressCheck),
            status: St::OnHold,
            stage: S::OnHold(HoldReason::AddressCheck),
            ..case("an active hold puts the order on hold")
        },
        Case {
            lines: vec![Q::new(2, 1, 0, 0)],
            fulfilments: vec![F::Shipped],
            status: St::PartiallyFulfilled,
            stage: S::PartiallyShipped,
            ..case("one of two units shipped is partially shipped")
        },
        Case {
            lines: vec![Q::new(2, 1, 0, 0)],
            fulfilments: vec![F::Shipped],
            hold: Some(HoldReason::FraudReview),
            status: St::OnHold,
            stage: S::OnHold(HoldReason::FraudReview),
            ..case("a hold on a partially shipped order shows the hold")
        },
        Case {
            lines: vec![Q::new(2, 2, 0, 0), Q::new(1, 0, 1, 0)],
            fulfilments: vec![F::Shipped],
            status: St::Fulfilled,
            stage: S::Shipped,
            ..case("everything not cancelled shipped is shipped")
        },
        Case {
            lines: vec![Q::new(2, 2, 0, 0)],
            fulfilments: vec![F::Delivered, F::Shipped],
            status: St::Fulfilled,
            stage: S::Shipped,
            ..case("one parcel still travelling is shipped, not delivered")
        },
        Case {
            lines: vec![Q::new(2, 2, 0, 0)],
            fulfilments: vec![F::Delivered, F::Delivered],
            status: St::Fulfilled,
            stage: S::Delivered,
            ..case("every parcel delivered is delivered")
        },
        Case {
            lines: vec![Q::new(2, 2, 0, 0)],
            fulfilments: vec![F::Delivered],
            hold: Some(HoldReason::Other),
            status: St::Fulfilled,
            stage: S::Delivered,
            ..case("a stale hold does not hide a delivered order")
        },
        Case {
            requested: true,
            stage: S::CancellationRequested,
            ..case("a pending cancellation request is shown")
        },
        Case {
            lifecycle: Lifecycle::Cancelled,
            lines: vec![Q::new(2, 0, 2, 0)],
            requested: true,
            stage: S::Cancelled,
            ..case("a cancelled order is cancelled whatever else is true")
        },
        Case {
            lines: vec![Q::new(1, 0, 0, 0)],
            fulfilments: vec![F::InProgress],
            stage: S::Processing,
            ..case("a fulfilment being packed is still processing")
        },
    ]
}

#[test]
fn derived_status_and_stage_follow_the_facts() {
    for c in cases() {
        let facts = OrderFacts {
            lifecycle: c.lifecycle,
            payment: c.payment,
            lines: &c.lines,
            fulfilments: &c.fulfilments,
            active_hold: c.hold,
            cancellation_requested: c.requested,
        };
        assert_eq!(fulfilment_status(&facts), c.status, "status: {}", c.name);
        assert_eq!(customer_stage(&facts), c.stage, "stage: {}", c.name);
    }
}

#[test]
fn open_quantity_never_underflows() {
    let odd = Q::new(1, 2, 3, 4);
    assert_eq!(odd.open(), 0);
    assert_eq!(odd.waiting_for_stock(), 0);
}

#[test]
fn stored_names_round_trip() {
    for s in PaymentStatus::ALL {
        assert_eq!(PaymentStatus::parse(s.as_str()), Some(*s));
    }
    for s in HoldReason::ALL {
        assert_eq!(HoldReason::parse(s.as_str()), Some(*s));
    }
    assert_eq!(PaymentStatus::parse("paid; --"), None);
}
