//! A horizontal bar chart drawn as SVG in the page itself (rendered by the server, so it needs
//! no script and prints). Pages show the same numbers in a table next to it, which is what
//! screen readers and copy-paste use; the chart itself is one labelled image.

use leptos::prelude::*;

const ROW: i64 = 30;
const LABEL: i64 = 220;
const BAR: i64 = 320;
const LABEL_CHARS: usize = 30;

/// A label cut to fit the chart's label column (the table has it in full).
fn fitted(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Bar lengths in chart units, the longest bar `BAR` long (all zero when every count is).
pub fn bar_lengths(counts: &[i64]) -> Vec<i64> {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    counts.iter().map(|c| c.max(&0) * BAR / max).collect()
}

#[component]
pub fn BarChart(#[prop(into)] title: String, rows: Vec<(String, i64)>) -> impl IntoView {
    let counts: Vec<i64> = rows.iter().map(|(_, c)| *c).collect();
    let lengths = bar_lengths(&counts);
    let height = ROW * rows.len() as i64 + 8;
    let width = LABEL + BAR + 70;
    let bars = rows
        .into_iter()
        .zip(lengths)
        .enumerate()
        .map(|(i, ((label, count), length))| {
            let y = ROW * i as i64 + 4;
            view! {
                <g>
                    <text x=(LABEL - 8).to_string() y=(y + 19).to_string() text-anchor="end" class="chart-label">{fitted(&label)}</text>
                    <rect x=LABEL.to_string() y=(y + 5).to_string() width=length.to_string() height=(ROW - 10).to_string() rx="3" class="chart-bar"/>
                    <text x=(LABEL + length + 6).to_string() y=(y + 19).to_string() class="chart-value">{count.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {width} {height}") role="img" aria-label=title
            preserveAspectRatio="xMinYMin meet">
            {bars}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_bar_fills_the_chart_and_the_rest_scale() {
        assert_eq!(bar_lengths(&[10, 5, 0]), vec![BAR, BAR / 2, 0]);
        assert_eq!(
            bar_lengths(&[0, 0]),
            vec![0, 0],
            "nothing to draw, no division by zero"
        );
        assert_eq!(bar_lengths(&[]), Vec::<i64>::new());
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(fitted("Out of stock"), "Out of stock");
        let long = "I found the same lamp cheaper in another shop";
        let cut = fitted(long);
        assert!(
            cut.ends_with('…') && cut.chars().count() <= LABEL_CHARS,
            "{cut}"
        );
    }
}
