//! How every console page waits for its data: the page once loaded, the sign-in page when the
//! session has ended, the error in words otherwise.

use crate::api::AppError;
use crate::ui::use_texts;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use serde::{de::DeserializeOwned, Serialize};

pub fn admin_loaded<T, V, F>(resource: Resource<Result<T, AppError>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let t = use_texts();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => EitherOf3::A(render(value)),
                        Err(AppError::Unauthorized) => EitherOf3::B(view! { <Redirect path="/admin/login"/> }),
                        Err(e) => EitherOf3::C(view! { <p role="alert">{e.message(t)}</p> }),
                    }
                })
            }}
        </Suspense>
    }
}
