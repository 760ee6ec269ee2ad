//! chatlog: a fast, exact terminal reader for archives of group-chat day logs.
//!
//! Data flows one way: day files → [`parse`] → [`load`] builds an immutable
//! [`model::Archive`] → view state → pure render functions.

pub mod entities;
pub mod model;
pub mod problem;
