"""Sends the same requests to Nettle's parity example and to the Starlette app, and compares.

Usage: python3 differential.py NETTLE_PORT STARLETTE_PORT
Exit status 0 when every case matches (WebSocket denial excepted: Nettle closes with 1008
after the handshake on purpose, Starlette/uvicorn answers HTTP 403).
"""
import asyncio
import base64
import json
import sys

import httpx
import websockets


def basic(user, password="secret"):
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


TOM, ADMIN, RICH = basic("tom"), basic("admin"), basic("rich")
CASES = [
    ("GET", "/", {}, None), ("GET", "/", TOM, None), ("GET", "/", basic("tom", "wrong"), None),
    ("GET", "/", {"Authorization": "Bearer xyz"}, None), ("GET", "/", {"Authorization": "Basic !!!"}, None),
    ("GET", "/", {"Authorization": "Basic"}, None), ("GET", "/", {"Authorization": "Basic a b"}, None),
    ("GET", "/", {"Authorization": "basic " + base64.b64encode(b"tom:secret").decode()}, None),
    ("GET", "/", {"Authorization": "Basic " + base64.b64encode("t\u00f6m:secret".encode()).decode()}, None),
    ("GET", "/dashboard", {}, None), ("GET", "/dashboard", TOM, None),
    ("GET", "/admin", {}, None), ("GET", "/admin?x=1&y=a+b", {}, None), ("GET", "/admin", TOM, None),
    ("GET", "/admin/panel", TOM, None), ("GET", "/admin/panel", ADMIN, None), ("GET", "/admin/panel", {}, None),
    ("GET", "/hidden", {}, None), ("GET", "/hidden", TOM, None), ("GET", "/hidden", ADMIN, None),
    ("GET", "/premium", TOM, None), ("GET", "/premium", RICH, None),
    ("POST", "/echo", TOM, b'{"a": [1, 2, {"b": null}]}'), ("POST", "/echo", {}, b'{"a": 1}'),
    ("POST", "/echo", TOM, b"{not json"), ("GET", "/echo", TOM, None),
    ("GET", "/items/42", {}, None), ("POST", "/items/7", {}, b""), ("GET", "/items/abc", {}, None),
    ("DELETE", "/items/1", {}, None), ("HEAD", "/items/3", {}, None), ("HEAD", "/", TOM, None),
    ("GET", "/nowhere", {}, None), ("GET", "/dashboard/", TOM, None), ("GET", "/items/42/?q=1", {}, None),
]
STATUS_ONLY = {("POST", "/echo", b"{not json")}


def normalise(value, port):
    return value.replace(f"127.0.0.1%3A{port}", "ORIGIN").replace(f"127.0.0.1:{port}", "ORIGIN")


def snapshot(client, port, method, path, headers, body):
    r = client.request(method, f"http://127.0.0.1:{port}{path}", headers=headers, content=body)
    return {
        "status": r.status_code,
        "content-type": r.headers.get("content-type"),
        "location": normalise(r.headers.get("location", ""), port),
        "allow": sorted(a.strip() for a in r.headers.get("allow", "").split(",") if a.strip()),
        "body": r.content.decode("utf-8", "replace"),
    }


async def ws_snapshot(port, path, headers):
    try:
        async with websockets.connect(f"ws://127.0.0.1:{port}{path}", extra_headers=headers) as ws:
            first = json.loads(await ws.recv())
            echoed = None
            if path == "/ws":
                await ws.send("ping")
                echoed = await ws.recv()
            try:
                await asyncio.wait_for(ws.recv(), 2 if path == "/ws/open" else 0.2)
            except asyncio.TimeoutError:
                pass
            except websockets.ConnectionClosed:
                pass
            return {"first": first, "echo": echoed, "close": ws.close_code if path == "/ws/open" else None}
    except websockets.InvalidStatusCode as e:
        return {"denied": f"http {e.status_code}"}
    except websockets.ConnectionClosed as e:
        return {"denied": f"close {e.code}"}


def main(nettle, starlette):
    failures = 0
    with httpx.Client(timeout=5) as client:
        for method, path, headers, body in CASES:
            a = snapshot(client, nettle, method, path, headers, body)
            b = snapshot(client, starlette, method, path, headers, body)
            if (method, path, body) in STATUS_ONLY:
                a, b = {"status": a["status"]}, {"status": b["status"]}
            same = a == b
            failures += not same
            print(f"{'ok  ' if same else 'DIFF'} {method:6} {path:22} {json.dumps(headers)[:40]:40} -> {a['status']}"
                  + ("" if same else f"\n      nettle:    {a}\n      starlette: {b}"))
    for path, headers in [("/ws", TOM), ("/ws/open", {}), ("/ws/open", ADMIN), ("/ws", {})]:
        a = asyncio.run(ws_snapshot(nettle, path, headers))
        b = asyncio.run(ws_snapshot(starlette, path, headers))
        expected_difference = "denied" in b and a.get("denied") == "close 1008"
        same = a == b
        failures += not (same or expected_difference)
        label = "ok  " if same else ("ok* " if expected_difference else "DIFF")
        print(f"{label} WS     {path:22} {json.dumps(headers)[:40]:40} -> nettle {a} / starlette {b}")
    print(f"{'all cases match' if failures == 0 else f'{failures} case(s) differ'}"
          " (ok* = the deliberate WebSocket denial difference: 1008 after the handshake vs HTTP 403)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))
