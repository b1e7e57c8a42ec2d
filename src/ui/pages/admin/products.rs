//! `/admin/products` (search and pages, plain GET forms) and `/admin/products/{sku}`: a
//! product's name, processing time, flags, stock and restock date. The form carries the
//! product's version, so it never overwrites a change made meanwhile (by a colleague or the
//! shop's system); every save is audited.

use crate::api::products::{get_product, list_products, ProductList, ProductView, SaveProduct};
use crate::api::{from_path_segment, path_segment, Field};
use crate::i18n::{fill, Texts};
use crate::ui::components::{FormErrorNotice, FormErrors, FormField, Kept, Notice};
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn processing_text(t: &'static Texts, days: Option<(u32, u32)>) -> String {
    match days {
        None => t.products_shop_default.to_owned(),
        Some((min, max)) => fill(
            t.products_days,
            &[("min", &min.to_string()), ("max", &max.to_string())],
        ),
    }
}

fn flags_text(t: &'static Texts, p: &ProductView) -> String {
    let mut flags = Vec::new();
    if p.made_to_order {
        flags.push(t.products_made_to_order);
    }
    if p.not_cancellable {
        flags.push(t.products_not_cancellable);
    }
    if flags.is_empty() {
        flags.push(t.products_cancellable);
    }
    flags.join(", ")
}

#[component]
pub fn AdminProductsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        let search = q.get("search").unwrap_or_default();
        let page = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(0);
        (search, page)
    };
    let list = Resource::new(args, |(search, page)| list_products(search, page));
    view! {
        <Title text=t.products_title/>
        <super::AdminNav current="/admin/products"/>
        <h1>{t.products_title}</h1>
        <p class="muted">{t.products_intro}</p>
        {super::admin_loaded(list, move |list| view! { <ProductTable list/> })}
    }
}

#[component]
fn ProductTable(list: ProductList) -> impl IntoView {
    let t = use_texts();
    let rows = list
        .products
        .iter()
        .map(|p| {
            let href = format!("/admin/products/{}", path_segment(&p.sku));
            let edit = fill(t.products_edit, &[("item", &p.title)]);
            view! {
                <tr>
                    <td><a href=href aria-label=edit>{p.sku.clone()}</a></td>
                    <td>{p.title.clone()}</td>
                    <td class="num">{p.stock.to_string()}</td>
                    <td class="nowrap">{p.expected_restock.clone().unwrap_or_default()}</td>
                    <td>{processing_text(t, p.processing_days)}</td>
                    <td>{flags_text(t, p)}</td>
                </tr>
            }
        })
        .collect_view();
    let page_link = {
        let search = path_segment(&list.search);
        move |page: u32| format!("/admin/products?search={search}&page={page}")
    };
    let previous = (list.page > 0).then(|| {
        view! { <a class="button" href=page_link(list.page - 1) rel="prev">{t.products_previous}</a> }
    });
    let next = list.more.then(|| {
        view! { <a class="button" href=page_link(list.page + 1) rel="next">{t.products_next}</a> }
    });
    let empty = list.products.is_empty();
    view! {
        <form method="get" class="inline-form card" role="search">
            <label for="product-search">{t.products_search}</label>
            <input id="product-search" type="search" name="search" value=list.search.clone() maxlength="100"/>
            <button type="submit" class="button">{t.products_search_submit}</button>
        </form>
        {empty.then(|| view! { <p data-testid="no-products">{t.products_none}</p> })}
        {(!empty).then(|| view! {
            <div class="table-scroll">
                <table class="data" data-testid="products">
                    <thead><tr>
                        <th scope="col">{t.products_column_sku}</th>
                        <th scope="col">{t.products_column_title}</th>
                        <th scope="col" class="num">{t.products_column_stock}</th>
                        <th scope="col">{t.products_column_restock}</th>
                        <th scope="col">{t.products_column_processing}</th>
                        <th scope="col">{t.products_column_flags}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })}
        <nav class="button-row" aria-label=t.products_title>{previous}{next}</nav>
    }
}

#[component]
pub fn AdminProductPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    let sku = move || from_path_segment(&params.read().get("sku").unwrap_or_default());
    let save = ServerAction::<SaveProduct>::new();
    let product = Resource::new(
        move || (sku(), save.version().get()),
        |(sku, _)| get_product(sku),
    );
    let done = move || {
        (query.read().get("done").as_deref() == Some("saved"))
            .then(|| view! { <Notice tone="success"><p>{t.done_product_saved}</p></Notice> })
    };
    let heading = move || fill(t.product_title, &[("sku", &sku())]);
    view! {
        <Title text=heading()/>
        <super::AdminNav current="/admin/products"/>
        <p><a href="/admin/products">{t.product_back}</a></p>
        <h1>{heading}</h1>
        <div role="status" aria-live="polite">{done}</div>
        {super::admin_loaded(product, move |product| view! { <ProductForm product save/> })}
    }
}

#[component]
fn ProductForm(product: ProductView, save: ServerAction<SaveProduct>) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(save);
    let kept = Kept::of_action(save);
    let title_error = errors.field(Field::Title);
    let days_error = errors.field(Field::ProcessingDays);
    let stock_error = errors.field(Field::Stock);
    let restock_error = errors.field(Field::RestockDate);
    let (min, max) = match product.processing_days {
        Some((min, max)) => (min.to_string(), max.to_string()),
        None => (String::new(), String::new()),
    };
    let (min, max) = (
        kept.text("processing_min", min),
        kept.text("processing_max", max),
    );
    view! {
        <ActionForm action=save attr:class="stack card" attr:novalidate=true>
            <FormErrorNotice errors/>
            <input type="hidden" name="sku" value=product.sku.clone()/>
            <input type="hidden" name="version" value=product.version.to_string()/>
            <FormField id="product-title" name="title" label=t.product_name max_length=200
                value=kept.text("title", product.title.clone()) error=title_error/>
            <fieldset aria-describedby="processing-hint processing-error">
                <legend>{t.product_processing}</legend>
                <p class="hint" id="processing-hint">{t.product_processing_hint}</p>
                <div class="inline-form">
                    <label for="processing-min">{t.product_processing_min}</label>
                    <input id="processing-min" class="qty" type="number" min="0" max="365" name="processing_min" value=min/>
                    <label for="processing-max">{t.product_processing_max}</label>
                    <input id="processing-max" class="qty" type="number" min="0" max="365" name="processing_max" value=max/>
                </div>
                <p id="processing-error" class="field-error" role="alert">{move || days_error.get()}</p>
            </fieldset>
            <FormField id="product-stock" name="stock" label=t.product_stock kind="number" max_length=9
                value=kept.text("stock", product.stock.max(0).to_string()) error=stock_error/>
            <FormField id="product-restock" name="expected_restock" label=t.product_restock kind="date"
                hint=t.product_restock_hint max_length=10 optional=true
                value=kept.text("expected_restock", product.expected_restock.clone().unwrap_or_default()) error=restock_error/>
            <fieldset>
                <legend>{t.product_flags}</legend>
                <div class="check">
                    <input id="made-to-order" type="checkbox" name="made_to_order" value="on" checked=kept.checked("made_to_order", product.made_to_order)/>
                    <label for="made-to-order">{t.product_made_to_order}</label>
                </div>
                <div class="check">
                    <input id="not-cancellable" type="checkbox" name="not_cancellable" value="on" checked=kept.checked("not_cancellable", product.not_cancellable)/>
                    <label for="not-cancellable">{t.product_not_cancellable}</label>
                </div>
            </fieldset>
            <div>
                <button type="submit" class="button primary" disabled=move || save.pending().get()>{t.product_save}</button>
            </div>
        </ActionForm>
    }
}
