//! chatlog: a fast, exact terminal reader for archives of group-chat day logs.
//!
//! Data flows one way: day files → [`parse`] → [`load`] builds an immutable
//! [`model::Archive`] → view state ([`app`]) → pure render functions ([`ui`]). Each layer
//! uses only those below it:
//!
//! ```text
//! main.rs  tui.rs  effects.rs         the command line; the terminal loop; the world's side
//! commands.rs  export/  mcp/        the non-interactive faces, the day formats, the MCP server
//! ui/                                 render only, a file per pane or overlay
//! app/  app/overlay/                  view state and update, a file per overlay
//! config.rs  keymap.rs                TOML → Settings; the bindings table
//! action.rs  layout.rs  theme.rs  key.rs      small types everything above uses
//! search.rs  archive_search.rs  activity.rs  filter.rs  echoes.rs  links.rs  rows.rs  grep.rs
//! places.rs  history.rs  dirs.rs  watch.rs  manual.rs  source.rs  dates.rs
//! load.rs  bundled.rs  parse/  arena.rs  echoes.rs  text.rs  entities.rs  model.rs  problem.rs  json.rs
//! ```

pub mod action;
pub mod activity;
pub mod app;
pub mod archive_search;
pub mod arena;
pub mod bundled;
pub mod commands;
pub mod config;
pub mod dates;
pub mod dirs;
pub mod document;
pub mod echoes;
pub mod effects;
pub mod entities;
pub mod export;
pub mod filter;
pub mod grep;
pub mod history;
pub mod json;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod links;
pub mod load;
pub mod manual;
pub mod mcp;
pub mod model;
pub mod parse;
pub mod places;
pub mod problem;
pub mod rows;
pub mod search;
pub mod source;
#[cfg(feature = "synth")]
pub mod synth;
pub mod text;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod watch;
