//! `cairn-runtime`: the types that every Cairn pathway engine produces.
//!
//! Cairn compiles a clinical pathway into two engines that must agree on every input: the
//! interpreter behind `cairn run`, and a Rust module generated for embedding. Both return a
//! [`Plan`] of [`Recommendation`]s (or a [`FactsError`]) from this crate, so their JSON is the
//! same byte for byte. This crate depends on nothing in the workspace, only on `serde`.
//!
//! Every type of a plan takes the lifetime `'a` of the data it borrows. Every string is a
//! [`Cow`](std::borrow::Cow) and every list a [`List`], borrowed or owned; a plan's
//! recommendations are [`Entry`]s, each a reference to a recommendation that lives elsewhere or
//! one the plan owns. Generated code builds `Plan<'static>` from statics and allocates only the
//! plan's `Vec` of references; a prepared interpreter lends plans borrowed from itself; the
//! plain interpreter owns everything. Serialisation does not depend on which. JSON keys come in
//! field order; absent options and empty `why` and `see` lists are left out.
//!
//! - [`plan`]: [`Plan`], [`Entry`], [`Recommendation`], [`Citation`], [`Reason`],
//!   [`CrossReference`], and [`List`], a list borrowed or owned;
//! - [`strength`]: [`Strength`], the verb of a recommendation;
//! - [`timing`]: [`Timing`] and [`TimeUnit`], serialised as words (`"within 24 hours"`);
//! - [`dose`]: [`Dose`] and [`DoseUnit`] (`16 mg`), and dose schedules: [`DrugDose`],
//!   [`Route`], [`DoseStep`] (`oral doxycycline 200 mg once a day for 1 day, then ...`);
//! - [`error`]: [`FactsError`], why a set of facts was refused;
//! - [`facts`]: [`EnumSet`] and [`SetMember`], for facts that are sets of enum values, and
//!   [`MAX_SET_VALUES`], the one statement of how many values a set can hold;
//! - [`number`]: [`Decimal`], exact numbers, and the readers of numeric facts.
//!
//! A plan built the way generated code builds it, from static data:
//!
//! ```
//! use std::borrow::Cow;
//! use cairn_runtime::{Citation, Entry, List, Plan, Recommendation, Strength, TimeUnit, Timing};
//!
//! static MRI_CITES: &[Citation<'static>] = &[Citation {
//!     id: Cow::Borrowed("s17"),
//!     text: Cow::Borrowed(
//!         "Carry out MRI within 1 week at the local hospital if spinal metastases are suspected",
//!     ),
//! }];
//!
//! static MRI: Recommendation<'static> = Recommendation {
//!     id: Cow::Borrowed("mri_within_1_week"),
//!     strength: Strength::Do,
//!     timing: Some(Timing::Within { amount: 1, unit: TimeUnit::Weeks }),
//!     dose: None,
//!     doses: List::Borrowed(&[]),
//!     text: Cow::Borrowed("Carry out MRI within 1 week at the local hospital"),
//!     citations: List::Borrowed(MRI_CITES),
//!     why: List::Borrowed(&[]),
//!     see: List::Borrowed(&[]),
//! };
//!
//! let plan = Plan {
//!     pathway: Cow::Borrowed("spinal_metastases"),
//!     recommendations: vec![Entry::Borrowed(&MRI)],
//! };
//! assert!(plan.contains("mri_within_1_week"));
//! assert_eq!(
//!     serde_json::to_string(&plan)?,
//!     concat!(
//!         r#"{"pathway":"spinal_metastases","recommendations":[{"id":"mri_within_1_week","#,
//!         r#""strength":"do","timing":"within 1 week","#,
//!         r#""text":"Carry out MRI within 1 week at the local hospital","#,
//!         r#""citations":[{"id":"s17","text":"Carry out MRI within 1 week at the local "#,
//!         r#"hospital if spinal metastases are suspected"}]}]}"#,
//!     ),
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod dose;
pub mod error;
pub mod facts;
pub mod number;
pub mod plan;
pub mod strength;
pub mod timing;

pub use dose::{Dose, DoseStep, DoseUnit, DrugDose, Route};
pub use error::FactsError;
pub use facts::{EnumSet, MAX_SET_VALUES, SetMember};
pub use number::{Decimal, DecimalError};
pub use plan::{Citation, CrossReference, Entry, List, Plan, Reason, Recommendation};
pub use strength::Strength;
pub use timing::{TimeUnit, Timing};
