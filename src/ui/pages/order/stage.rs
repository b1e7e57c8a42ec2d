use super::estimate::OrderEstimate;
use crate::api::views::EstimateView;
use crate::domain::{CustomerStage, HoldReason};
use crate::i18n::Texts;
use crate::ui::use_texts;
use leptos::prelude::*;

pub fn stage_title(t: &'static Texts, stage: CustomerStage) -> &'static str {
    match stage {
        CustomerStage::Received => t.stage_received,
        CustomerStage::Processing => t.stage_processing,
        CustomerStage::WaitingForStock => t.stage_waiting_for_stock,
        CustomerStage::OnHold(_) => t.stage_on_hold,
        CustomerStage::PartiallyShipped => t.stage_partially_shipped,
        CustomerStage::Shipped => t.stage_shipped,
        CustomerStage::Delivered => t.stage_delivered,
        CustomerStage::CancellationRequested => t.stage_cancellation_requested,
        CustomerStage::Cancelled => t.stage_cancelled,
    }
}

pub fn hold_text(t: &'static Texts, reason: HoldReason) -> &'static str {
    match reason {
        HoldReason::AwaitingPayment => t.hold_awaiting_payment,
        HoldReason::AddressCheck => t.hold_address_check,
        HoldReason::OutOfStock => t.hold_out_of_stock,
        HoldReason::FraudReview => t.hold_fraud_review,
        HoldReason::Other => t.hold_other,
    }
}

fn stage_body(t: &'static Texts, stage: CustomerStage) -> &'static str {
    match stage {
        CustomerStage::Received => t.stage_received_body,
        CustomerStage::Processing => t.stage_processing_body,
        CustomerStage::WaitingForStock => t.stage_waiting_for_stock_body,
        CustomerStage::OnHold(reason) => hold_text(t, reason),
        CustomerStage::PartiallyShipped => t.stage_partially_shipped_body,
        CustomerStage::Shipped => t.stage_shipped_body,
        CustomerStage::Delivered => t.stage_delivered_body,
        CustomerStage::CancellationRequested => t.stage_cancellation_requested_body,
        CustomerStage::Cancelled => t.stage_cancelled_body,
    }
}

/// How far along the four-step progress bar the stage is (0-based), or none when cancelled.
fn progress(stage: CustomerStage) -> Option<usize> {
    match stage {
        CustomerStage::Received => Some(0),
        CustomerStage::Processing
        | CustomerStage::WaitingForStock
        | CustomerStage::OnHold(_)
        | CustomerStage::CancellationRequested => Some(1),
        CustomerStage::PartiallyShipped | CustomerStage::Shipped => Some(2),
        CustomerStage::Delivered => Some(3),
        CustomerStage::Cancelled => None,
    }
}

fn tone(stage: CustomerStage) -> &'static str {
    match stage {
        CustomerStage::Cancelled => "stage-cancelled",
        CustomerStage::OnHold(_) | CustomerStage::WaitingForStock => "stage-attention",
        CustomerStage::Delivered | CustomerStage::Shipped => "stage-done",
        _ => "stage-active",
    }
}

#[component]
pub fn StageCard(stage: CustomerStage, estimate: Option<EstimateView>) -> impl IntoView {
    let t = use_texts();
    let steps = [
        t.step_received,
        t.step_processing,
        t.step_shipped,
        t.step_delivered,
    ];
    let current = progress(stage);
    let progress_bar =
        current.map(|at| {
            let items = steps
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let state = if i < at { "done" } else if i == at { "current" } else { "todo" };
                view! {
                    <li class=format!("step step-{state}") aria-current=(i == at).then_some("step")>
                        <span class="step-dot" aria-hidden="true"></span>
                        <span class="step-label">{*label}</span>
                    </li>
                }
            })
            .collect_view();
            view! { <ol class="progress" aria-label=t.progress_label>{items}</ol> }
        });
    view! {
        <section class=format!("card stage {}", tone(stage)) aria-labelledby="stage-heading">
            <h2 id="stage-heading" class="visually-hidden">{t.order_status_heading}</h2>
            <p class="stage-title" data-testid="stage">{stage_title(t, stage)}</p>
            <p class="stage-body">{stage_body(t, stage)}</p>
            {estimate.map(|estimate| view! { <OrderEstimate estimate/> })}
            {progress_bar}
        </section>
    }
}
