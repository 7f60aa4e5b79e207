//! The error knowledge base (AADSTS code → name, meaning, causes, who fixes
//! it, steps) and the explainer that reads any pasted error text.

mod explain;
mod extract;
mod formats;
pub mod knowledge;
mod page;
mod read;
mod story;
mod windowed;

pub use explain::{explain, explain_end_of, most_specific, Explanation};
pub use extract::{extract, Facts, MAX_LOG_BYTES, MAX_TEXT_BYTES};
pub use page::ErrorPage;
pub use read::{explain_file, read_file_end, read_stream_end, ExplainedFile, ReadLogError, MAX_STREAM_BYTES};
