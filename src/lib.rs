//! chatlog: a fast, exact terminal reader for archives of group-chat day logs.
//!
//! Data flows one way: day files → [`parse`] → [`load`] builds an immutable
//! [`model::Archive`] → view state → pure render functions.

pub mod activity;
pub mod activity_view;
pub mod app;
pub mod calendar;
pub mod commands;
pub mod config;
pub mod entities;
pub mod export;
pub mod find;
pub mod json;
pub mod keymap;
pub mod load;
pub mod model;
pub mod parse;
pub mod places;
pub mod problem;
pub mod rows;
pub mod search;
pub mod synth;
pub mod text;
pub mod tui;
pub mod ui;
pub mod watch;
/// The reader's remembered places under the module's former name, which `app` and `tui` import.
pub use places as state;
