"""
The RelaxLab lab server: Debian's jupyter_server with jupyterlab_server's LabServerApp serving
the JupyterLab frontend built in build/ (rspack.config.js), as JupyterLab's examples/app does.

    /usr/bin/python3 packages/app/main.py --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=.

`npm start` (scripts/start-lab.js) runs it with the token in JUPYTER_TOKEN and the repo's tslab
kernel on JUPYTER_PATH. Settings and workspaces live in the user's own Jupyter folders, not here.

Prebuilt (federated) labextensions load from the folders in RELAXLAB_LABEXTENSIONS_PATH (separated
by os.pathsep) and then, as JupyterLab does, from `labextensions/` in every Jupyter data path
(`jupyter --paths`: JUPYTER_PATH, the user's data folder, the running Python's sys.prefix/share/jupyter
— where `pip install relaxlab_jupyterlab` puts it, in a virtual environment too — and the system
folders). Each holds `<package name>/package.json` and `static/` as `pip install` or `jupyter
labextension install` leave them; jupyterlab_server lists them in the page config
(`federated_extensions`, the first folder holding a name wins), serves them under /lab/extensions/
with their settings schemas, and index.js loads them.

JupyterLab 4 asks every server for two APIs that jupyter_server 2 has and Debian's 1.23 lacks:
/api/me (who the user is) and the /api/events/subscribe socket. Unanswered, they fill the
browser console with 404s and refused sockets, retried with back-off for as long as the lab is
open. IdentityHandler and EventsSocket below answer them as jupyter_server 2 does.
"""
import getpass
import json
import os

from jupyter_core.paths import jupyter_config_dir, jupyter_data_dir, jupyter_path
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from jupyterlab_server import LabServerApp
from tornado import web, websocket

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")

# a user's jupyter_server_config.py (extensions, another root) must not change what npm start serves
os.environ["JUPYTER_NO_CONFIG"] = "1"

with open(os.path.join(HERE, "package.json"), encoding="utf-8") as package:
    VERSION = json.load(package)["version"]


class IdentityHandler(APIHandler):
    """GET /api/me: the identity model and the permissions asked for (`?permissions={"resource":
    ["action", ...]}`), the request and reply of jupyter_server 2's identity API. The user is
    whoever holds the token of this personal lab: the login that started it. (1.23 names a
    token-authenticated request by a fresh random id each time, which is no identity to show.)"""

    @web.authenticated
    def get(self):
        asked = self.get_argument("permissions", "") or "{}"
        expected = 'permissions: a JSON object {"resource": ["action", ...]}'
        try:
            requested = json.loads(asked)
        except ValueError as error:
            raise web.HTTPError(400, f"{expected}, got {asked!r}") from error
        if not isinstance(requested, dict) or not all(
            isinstance(actions, list) and all(isinstance(a, str) for a in actions) for actions in requested.values()
        ):
            raise web.HTTPError(400, f"{expected}, got {asked!r}")
        user = self.current_user
        permissions = {
            resource: [action for action in actions if self.authorizer.is_authorized(self, user, action, resource)]
            for resource, actions in requested.items()
        }
        name = getpass.getuser()
        identity = {
            "username": name,
            "name": name,
            "display_name": name,
            "initials": name[:1].upper(),
            "avatar_url": None,
            "color": None,
        }
        self.finish(json.dumps({"identity": identity, "permissions": permissions}))


class EventsSocket(WebSocketMixin, JupyterHandler, websocket.WebSocketHandler):
    """The /api/events/subscribe socket of jupyter_server 2's event bus, for authorized users. The
    1.23 server emits no events (it has no event bus), so the socket stays open and silent, kept
    alive by the usual websocket pings, which is what a subscriber to a quiet bus sees."""

    auth_resource = "events"

    def get(self, *args, **kwargs):
        user = self.current_user
        if not user:
            raise web.HTTPError(403)
        if not self.authorizer.is_authorized(self, user, "execute", self.auth_resource):
            raise web.HTTPError(403)
        return super().get(*args, **kwargs)


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": RelaxLabApp}]


class RelaxLabApp(LabServerApp):
    name = "relaxlab_app"
    app_name = "RelaxLab"
    app_version = VERSION
    extension_url = "/lab"
    default_url = "/lab"
    app_url = "/lab"
    file_url_prefix = "/lab/tree"
    # only this app: no other server extensions found on the machine
    load_other_extensions = False
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "templates")
    # overrides.json: the lab asks no questions about news feeds and makes no update checks
    app_settings_dir = os.path.join(HERE, "settings")
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    user_settings_dir = os.path.join(jupyter_config_dir(), "relaxlab", "user-settings")
    # RELAXLAB_WORKSPACES_DIR: a fresh folder per test server, so no layout leaks between runs
    workspaces_dir = os.environ.get("RELAXLAB_WORKSPACES_DIR") or os.path.join(jupyter_data_dir(), "relaxlab", "workspaces")
    # JupyterLab's own default (jupyterlab_server's LabConfig) is jupyter_path("labextensions"), the same list
    labextensions_path = [
        *(folder for folder in os.environ.get("RELAXLAB_LABEXTENSIONS_PATH", "").split(os.pathsep) if folder),
        *jupyter_path("labextensions"),
    ]

    def initialize_handlers(self):
        super().initialize_handlers()
        self.handlers.extend([(r"/api/me", IdentityHandler), (r"/api/events/subscribe", EventsSocket)])


if __name__ == "__main__":
    RelaxLabApp.launch_instance()
