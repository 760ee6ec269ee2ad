//! `chatlog mcp DIR`: the archive served to AI assistants over the Model Context Protocol
//! on stdio (newline-delimited JSON-RPC, through the official SDK, rmcp). Standard output
//! carries protocol messages alone; what the server has to say goes to stderr.
//!
//! The archive is loaded once, followed as it changes ([`live`]), and every tool answers
//! from memory with the same code the command line runs, so `search` and `read_day` give
//! what `chatlog search --json` and `chatlog show --format json` print (texts made inert).
//!
//! ```text
//! server.rs             the tools as rmcp routes them; identity, protocol versions
//! search.rs  day.rs  stats.rs  lists.rs       one tool (or two small ones) each
//! people.rs  args.rs  reply.rs  live.rs       a person's row; arguments; results; reloads
//! ```

pub mod args;
pub mod day;
pub mod lists;
pub mod live;
pub mod people;
pub mod reply;
pub mod search;
pub mod server;
pub mod stats;

use std::path::Path;
use std::time::Instant;

use rmcp::ServiceExt;

use crate::load::load;
use crate::mcp::live::{Live, log, summary};
use crate::mcp::server::ChatlogServer;

/// Loads `dir`, then serves it on stdin and stdout until the client closes stdin.
pub fn serve(dir: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let (archive, problems) = load(dir)?;
    log(&format!(
        "loaded {} from {}; serving MCP on stdio",
        summary(&archive, problems.len(), started),
        dir.display()
    ));
    let live = Live::new(archive);
    live.follow(dir);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let service = ChatlogServer::new(live)
            .serve(rmcp::transport::stdio())
            .await?;
        service.waiting().await?;
        anyhow::Ok(())
    })
}

/// The sample archive shipped with the source, for the tools' tests.
#[cfg(test)]
pub fn sample() -> crate::model::Archive {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-logs");
    load(&dir).expect("the sample archive loads").0
}
