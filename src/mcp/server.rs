//! The MCP wiring: the tools as rmcp routes them, each described with its input and output
//! schema, and the server's identity and protocol versions. A call runs on a blocking
//! thread against the archive as it is when the call arrives.

use std::borrow::Cow;

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::tool::schema_for_output;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{
    CallToolResult, ContentBlock, Implementation, ProtocolVersion, ServerCapabilities, ServerConfig,
};
use rmcp::{ServerHandler, tool, tool_handler, tool_router};

use crate::mcp::day::{DayRead, ReadDayArgs, read_day};
use crate::mcp::lists::{Groups, ListGroupsArgs, ListSpeakersArgs, Speakers};
use crate::mcp::lists::{list_groups, list_speakers};
use crate::mcp::live::Live;
use crate::mcp::reply::result;
use crate::mcp::search::{Found, SearchArgs, search};
use crate::mcp::stats::{Stats, StatsArgs, stats};
use crate::model::Archive;

/// The newest protocol version this server speaks: the newest rmcp negotiates at
/// `initialize` (later ones have no handshake).
pub const PROTOCOL: ProtocolVersion = ProtocolVersion::LATEST_WITH_INITIALIZE;

/// What the server tells an assistant at `initialize`.
const INSTRUCTIONS: &str = "A read-only archive of group-chat logs: one log per chat group \
and date, messages with a time, a speaker and a text. list_groups and list_speakers give the \
names the other tools take; search finds messages across days; read_day reads one day; stats \
counts. Cite a message by its group, date and time. Lists are bounded: total and truncated \
say when there is more.";

/// The chatlog MCP server.
#[derive(Clone)]
pub struct ChatlogServer {
    live: Live,
    tool_router: ToolRouter<ChatlogServer>,
}

#[tool_router]
impl ChatlogServer {
    pub fn new(live: Live) -> ChatlogServer {
        ChatlogServer {
            live,
            tool_router: Self::tool_router(),
        }
    }

    /// Runs `tool` on a blocking thread against the archive now.
    async fn answer(
        &self,
        tool: impl FnOnce(&Archive) -> CallToolResult + Send + 'static,
    ) -> CallToolResult {
        let archive = self.live.get();
        tokio::task::spawn_blocking(move || tool(&archive))
            .await
            .unwrap_or_else(|err| {
                CallToolResult::error(vec![ContentBlock::text(format!("the tool failed: {err}"))])
            })
    }

    #[tool(
        description = "Find messages whose text holds query (literal, smart case; or a regex), \
            across every group and day or narrowed by group, speaker, from and to. Echoes (the \
            same message again under another name) are left out unless all. Returns the first \
            limit matches, oldest first, each with group, date and time to cite it.",
        output_schema = schema_for_output::<Found<'static>>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn search(&self, Parameters(args): Parameters<SearchArgs>) -> CallToolResult {
        self.answer(move |archive| result(search(archive, args)))
            .await
    }

    #[tool(
        description = "Read one day of one group: its messages in file order, optionally \
            only between from_time and to_time or by one speaker; offset and limit page through \
            a long day.",
        output_schema = schema_for_output::<DayRead<'static>>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn read_day(&self, Parameters(args): Parameters<ReadDayArgs>) -> CallToolResult {
        self.answer(move |archive| result(read_day(archive, args)))
            .await
    }

    #[tool(
        description = "Count the archive or one group: days, messages, echoes, names, first \
            and last date, the 20 people who wrote most (with their other names) and messages \
            per month.",
        output_schema = schema_for_output::<Stats>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn stats(&self, Parameters(args): Parameters<StatsArgs>) -> CallToolResult {
        self.answer(move |archive| result(stats(archive, args)))
            .await
    }

    #[tool(
        description = "List the chat groups with their days, messages, and first and last \
            date.",
        output_schema = schema_for_output::<Groups>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_groups(&self, Parameters(args): Parameters<ListGroupsArgs>) -> CallToolResult {
        self.answer(move |archive| result(Ok(list_groups(archive, args))))
            .await
    }

    #[tool(
        description = "List the people who wrote (in a group, or whose names hold query), \
            most messages first, each with the other names they posted under: any of them works \
            as speaker in search and read_day.",
        output_schema = schema_for_output::<Speakers>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_speakers(
        &self,
        Parameters(args): Parameters<ListSpeakersArgs>,
    ) -> CallToolResult {
        self.answer(move |archive| result(list_speakers(archive, args)))
            .await
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for ChatlogServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_protocol_version(PROTOCOL)
            .with_server_info(Implementation::new("chatlog", env!("CARGO_PKG_VERSION")))
            .with_instructions(INSTRUCTIONS)
    }

    fn supported_protocol_versions(&self) -> Cow<'static, [ProtocolVersion]> {
        Cow::Borrowed(ProtocolVersion::known_up_to(&PROTOCOL))
    }
}
