mod bar_chart;
mod disclosure;
mod form_errors;
mod form_field;
mod kept_input;
mod lookup_form;
mod notice;

pub use bar_chart::BarChart;
pub use disclosure::Disclosure;
pub use form_errors::{FormErrorNotice, FormErrors};
pub use form_field::FormField;
pub use kept_input::{Kept, KeptInput};
pub use lookup_form::LookupForm;
pub use notice::Notice;
