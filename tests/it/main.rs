//! chatlog's integration tests, one binary: the parser, the loader, the commands, the
//! reader driven through `update`, the real binary in a terminal, and hostile archives.

mod cli;
mod common;
mod e2e;
mod echoes;
mod exact;
mod hostile;
mod layers;
mod load;
mod mcp;
mod parse;
mod reader;
mod real_archive;
mod site;
