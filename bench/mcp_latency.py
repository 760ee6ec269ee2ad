"""`chatlog mcp` as a bare JSON-RPC client sees it: the time from spawning the server to
its answer to `initialize` (ready), then each tool call's round trip, N times. Figures, not a
test; nothing but the standard library, so the client's own cost stays out of them (the
Python SDK's client, tests/mcp_client.py, times the same calls with its parsing and schema
validation in).

    python3 bench/mcp_latency.py target/release/chatlog ARCHIVE '[["search", {"query": "代扣"}]]' [N]
"""

import json
import statistics
import subprocess
import sys
import time


def main() -> None:
    chatlog, archive, calls = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    spawned = time.perf_counter()
    server = subprocess.Popen(
        [chatlog, "mcp", archive],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    ids = iter(range(1, 1 << 30))

    def request(method: str, params: dict) -> dict:
        sent = next(ids)
        line = json.dumps({"jsonrpc": "2.0", "id": sent, "method": method, "params": params})
        server.stdin.write(line.encode() + b"\n")
        server.stdin.flush()
        while True:
            message = json.loads(server.stdout.readline())
            if message.get("id") == sent:
                return message

    hello = {"name": "latency", "version": "1"}
    request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": hello})
    print(f"ready: {time.perf_counter() - spawned:.3f} s")
    server.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    server.stdin.flush()
    for tool, arguments in calls:
        took = []
        for _ in range(runs):
            started = time.perf_counter()
            reply = request("tools/call", {"name": tool, "arguments": arguments})
            took.append((time.perf_counter() - started) * 1000)
            if reply.get("result", {}).get("isError") is not False:
                sys.exit(f"{tool} {arguments} failed: {reply}")
        print(
            f"{tool} {json.dumps(arguments, ensure_ascii=False)}: median {statistics.median(took):.2f} ms,"
            f" min {min(took):.2f}, max {max(took):.2f} ({runs} calls)"
        )
    server.stdin.close()
    server.wait()


if __name__ == "__main__":
    main()
