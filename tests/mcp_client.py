"""Drives `chatlog mcp ARCHIVE` with the official Python MCP SDK's stdio client.

Usage: python3 tests/mcp_client.py CHATLOG ARCHIVE CALLS

CALLS is a JSON list of [tool, arguments] pairs. The client initializes, lists the tools,
makes each call in turn and prints one JSON object on stdout: the negotiated protocol
version, the server's name, each tool's schemas, each call's result, and anything the
client could not read off the server's stdout. It times the start (from spawning the server
to the end of initialize) and each call as the client sees it, for the benchmark figures. The checks are the Rust test's
(tests/it/mcp.rs): this script only reports what the client saw. The client validates each
structured result against its tool's output schema itself; a failure is reported as the
call's client_error.
"""

import asyncio
import json
import sys
import time

from mcp import ClientSession, StdioServerParameters, stdio_client


async def drive(chatlog: str, archive: str, calls: list) -> dict:
    seen = {"stream_errors": []}

    async def on_message(message) -> None:
        # Anything on stdout that is not a protocol message arrives here as an exception.
        if isinstance(message, Exception):
            seen["stream_errors"].append(repr(message))

    server = StdioServerParameters(command=chatlog, args=["mcp", archive])
    spawned = time.perf_counter()
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write, message_handler=on_message) as session:
            init = await session.initialize()
            seen["ready_seconds"] = time.perf_counter() - spawned
            seen["protocol_version"] = init.protocol_version
            seen["server"] = init.server_info.name
            seen["instructions"] = init.instructions
            listed = await session.list_tools()
            seen["tools"] = {
                tool.name: {
                    "description": tool.description,
                    "input": tool.input_schema,
                    "output": tool.output_schema,
                }
                for tool in listed.tools
            }
            seen["calls"] = [await call(session, tool, args) for tool, args in calls]
    return seen


async def call(session: ClientSession, tool: str, args: dict) -> dict:
    made = {"tool": tool, "arguments": args}
    started = time.perf_counter()
    try:
        result = await session.call_tool(tool, args)
        made["seconds"] = time.perf_counter() - started
    except Exception as err:  # the client refused the answer: report it, the test fails
        made["client_error"] = repr(err)
        return made
    made["is_error"] = bool(result.is_error)
    made["structured"] = result.structured_content
    made["text"] = [block.text for block in result.content if block.type == "text"]
    return made


def main() -> None:
    chatlog, archive, calls = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    seen = asyncio.run(drive(chatlog, archive, calls))
    json.dump(seen, sys.stdout, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
