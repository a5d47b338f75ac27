"""The Starlette side of the parity check: the same app as Nettle's `parity` example.

Run: uvicorn --app-dir examples/parity parity_app:app --port 8001
"""
import base64
import binascii
import json

from starlette.applications import Starlette
from starlette.authentication import (AuthCredentials, AuthenticationBackend,
                                      AuthenticationError, SimpleUser, requires)
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute

USERS = {
    "tom": ["authenticated"],
    "admin": ["authenticated", "admin"],
    "rich": ["authenticated", "premium"],
}


class BasicAuthBackend(AuthenticationBackend):
    async def authenticate(self, conn):
        if "Authorization" not in conn.headers:
            return None
        auth = conn.headers["Authorization"]
        try:
            scheme, credentials = auth.split()
            if scheme.lower() != "basic":
                return None
            decoded = base64.b64decode(credentials, validate=True).decode("ascii")
        except (ValueError, UnicodeDecodeError, binascii.Error):
            raise AuthenticationError("Invalid basic auth credentials")
        username, _, password = decoded.partition(":")
        if username in USERS and password == "secret":
            return AuthCredentials(USERS[username]), SimpleUser(username)
        return None


def who(conn):
    return {"authenticated": conn.user.is_authenticated, "user": conn.user.display_name}


async def homepage(request):
    return JSONResponse(who(request))


@requires("authenticated")
async def dashboard(request):
    return JSONResponse(who(request))


@requires("authenticated", redirect="homepage")
async def admin(request):
    return JSONResponse(who(request))


@requires(["authenticated", "admin"])
async def admin_panel(request):
    return JSONResponse(who(request))


@requires("admin", status_code=404)
async def hidden(request):
    return JSONResponse(who(request))


@requires("premium", status_code=402)
async def premium(request):
    return JSONResponse(who(request))


@requires("authenticated")
async def echo(request):
    try:
        body = await request.json()
    except json.JSONDecodeError:
        raise HTTPException(400, "Invalid JSON body")
    return JSONResponse({"user": request.user.display_name, "body": body})


async def items(request):
    return JSONResponse({"item_id": request.path_params["item_id"], "method": request.method})


@requires("authenticated")
async def ws(websocket):
    await websocket.accept()
    await websocket.send_json(who(websocket))
    try:
        while True:
            await websocket.send_text(await websocket.receive_text())
    except Exception:
        pass


async def ws_open(websocket):
    await websocket.accept()
    await websocket.send_json(who(websocket))
    await websocket.close(1000)


app = Starlette(
    routes=[
        Route("/", homepage, name="homepage"),
        Route("/dashboard", dashboard),
        Route("/admin", admin),
        Route("/admin/panel", admin_panel),
        Route("/hidden", hidden),
        Route("/premium", premium),
        Route("/echo", echo, methods=["POST"]),
        Route("/items/{item_id:int}", items, methods=["GET", "POST"]),
        WebSocketRoute("/ws", ws),
        WebSocketRoute("/ws/open", ws_open),
    ],
    middleware=[Middleware(AuthenticationMiddleware, backend=BasicAuthBackend())],
)
