"""files.*: the external upload flow (files.getUploadURLExternal, the bytes to the upload URL,
files.completeUploadExternal) and files.list.

The upload URL is this server's `/upload/v1/<key>` (Slack's is on files.slack.com): it takes the
bytes raw or as multipart/form-data (the first file part), without a token, and answers
`200 OK - <length>`. Until files.completeUploadExternal a file belongs to nobody: it is neither
listed nor shown."""

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..workspace import BOT_ID, BOT_USER_ID, File
from .common import ApiError, Call, invalid_arguments, writable_channel

if TYPE_CHECKING:
    from ..emulator import Emulator

MAX_ALT_TXT = 1000
MAX_COMPLETE_FILES = 100
MAX_LIST_COUNT = 1000
LIST_TYPES = {"all", "spaces", "snippets", "images", "gdocs", "zips", "pdfs"}


def _int_arg(call: Call, name: str, default: int | None = None) -> int | None:
    value = call.args.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise invalid_arguments(f"[ERROR] invalid integer for field: {name}")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise invalid_arguments(f"[ERROR] invalid integer for field: {name}") from None


def get_upload_url_external(call: Call) -> dict[str, Any]:
    filename = call.text("filename") or ""
    if not filename:
        raise invalid_arguments("[ERROR] missing required field: filename")
    length = _int_arg(call, "length")
    if length is None or length < 0:
        raise invalid_arguments("[ERROR] missing required field: length")
    if length == 0:
        raise ApiError("missing_argument")  # Slack's answer to an empty file
    # alt_txt is Slack's name; the Node SDK sends alt_text.
    alt = call.text("alt_txt") or call.text("alt_text")
    if alt is not None and len(alt) > MAX_ALT_TXT:
        raise ApiError("alt_txt_too_large")
    key = secrets.token_urlsafe(24)
    file = File(call.ws.new_id("F"), filename, length, BOT_USER_ID, key, int(time.time()),
                alt_txt=alt, snippet_type=call.text("snippet_type") or None)
    call.ws.files[file.id] = file
    return {"upload_url": f"{call.emu.base_url}/upload/v1/{key}", "file_id": file.id}


def complete_upload_external(call: Call) -> dict[str, Any]:
    wanted = call.json_value("files")
    if (not isinstance(wanted, list) or not wanted or len(wanted) > MAX_COMPLETE_FILES
            or not all(isinstance(f, dict) and isinstance(f.get("id"), str) for f in wanted)):
        raise invalid_arguments("[ERROR] invalid files array: "
                                "each item needs an id [json-pointer:/files]")
    files: list[File] = []
    for item in wanted:
        file = call.ws.files.get(item["id"])
        # An unknown id, one whose bytes never arrived, or one completed already.
        if file is None or file.state != "uploaded":
            raise ApiError("file_not_found" if file is None or file.state == "pending"
                           else "file_already_completed")
        files.append(file)
    channel = None
    if call.has("channel_id") or call.has("channels"):
        target = call.text("channel_id") or (call.text("channels") or "").split(",")[0].strip()
        call.args["channel"] = target
        channel = writable_channel(call)
    thread_ts = call.text("thread_ts") or None
    if thread_ts and (channel is None or channel.message(thread_ts) is None):
        raise ApiError("thread_not_found" if channel is not None else "invalid_arguments")
    blocks = call.json_value("blocks") if call.has("blocks") else None
    comment = call.text("initial_comment")
    if comment and len(comment) > call.emu.settings.max_text_chars:
        raise ApiError("msg_too_long")

    for file, item in zip(files, wanted):
        file.state = "complete"
        file.title = str(item.get("title") or file.name)
        if channel is not None:
            file.channels.append(channel.id)
    ws = call.ws
    shown = [f.to_api(ws.team_id, ws.team_domain, ws.channels) for f in files]
    if channel is not None:
        ws.post(channel, comment or "", files=shown, upload=True, bot_id=BOT_ID,
                blocks=None if comment else blocks, thread_ts=thread_ts)
    return {"files": [{"id": f["id"], "title": f["title"]} for f in shown]}


def list_files(call: Call) -> dict[str, Any]:
    types = [t.strip() for t in (call.text("types") or "all").split(",") if t.strip()]
    if not types or any(t not in LIST_TYPES for t in types):
        raise ApiError("unknown_type")
    count = _int_arg(call, "count", 100)
    page = _int_arg(call, "page", 1)
    ts_from = _int_arg(call, "ts_from", 0)
    ts_to = _int_arg(call, "ts_to")
    if count is None or count < 1 or page is None or page < 1:
        raise invalid_arguments("[ERROR] count and page must be positive")
    count = min(count, MAX_LIST_COUNT)
    ws = call.ws
    channel_id = call.text("channel") or None
    user = call.text("user") or None
    if user is not None and user not in ws.users:
        raise ApiError("user_not_found")

    def visible(file: File) -> bool:
        # A bot token sees files in public channels and in the conversations it is in.
        return any(c in ws.channels and (not ws.channels[c].is_private
                                         or BOT_USER_ID in ws.channels[c].members)
                   for c in file.channels) or file.user == BOT_USER_ID

    matching = [
        f for f in ws.files.values()
        if f.state == "complete" and visible(f)
        and (channel_id is None or channel_id in f.channels)
        and (user is None or f.user == user)
        and f.created >= (ts_from or 0) and (ts_to is None or f.created <= ts_to)
        and ("all" in types or _type_of(f) in types)
    ]
    matching.sort(key=lambda f: (f.created, f.id), reverse=True)  # newest first
    pages = max(1, -(-len(matching) // count))
    shown = matching[(page - 1) * count: page * count]
    return {"files": [f.to_api(ws.team_id, ws.team_domain, ws.channels) for f in shown],
            "paging": {"count": count, "total": len(matching), "page": page, "pages": pages}}


def _type_of(file: File) -> str:
    filetype, mimetype, _ = file.kind()
    if mimetype.startswith("image/"):
        return "images"
    if filetype in ("pdf", "zip"):
        return filetype + "s"
    return "snippets" if file.snippet_type else "other"


async def handle_upload(request: web.Request, emu: "Emulator") -> web.StreamResponse:
    """`POST /upload/v1/<key>`. Slack's answers to a bad upload are not documented; these are
    the emulator's: 404 for an unknown or used URL, 400 when the size differs from `length`."""
    started = time.monotonic()
    key = request.match_info["key"]
    ws = emu.workspace
    file = next((f for f in ws.files.values() if f.upload_key == key), None)
    record: dict[str, Any] = {
        "time": time.time(), "method": "upload", "http_method": request.method,
        "content_type": request.headers.get("Content-Type"),
        "headers": {k: v for k, v in request.headers.items() if k != "Authorization"},
        "has_authorization": "Authorization" in request.headers,
        "file_id": file.id if file is not None else None, "args": {},
    }
    content, body_format = await _upload_body(request)
    record.update(body_format=body_format, length=len(content))
    plan = emu.faults.plan("upload", {"file_id": record["file_id"]})
    if plan.outcome is not None and plan.outcome.action == "http_error":
        status, text = plan.outcome.status, "Service Unavailable"
    elif file is None or file.state != "pending":
        status, text = 404, "Not Found"
    elif len(content) != file.length:
        status, text = 400, f"size mismatch: expected {file.length} bytes, got {len(content)}"
    else:
        file.content, file.state = content, "uploaded"
        status, text = 200, f"OK - {len(content)}"
    record.update(status=status, ok=status == 200, response=text, fault=plan.rule_id(),
                  faults=[r.id for r in plan.fired],
                  elapsed_ms=round((time.monotonic() - started) * 1000, 1))
    emu.calls.add(record)
    emu.signal.fire()
    return web.Response(status=status, text=text, content_type="text/plain")


async def _upload_body(request: web.Request) -> tuple[bytes, str]:
    if request.content_type == "multipart/form-data":
        try:
            form = await request.post()
        except Exception:
            return b"", "invalid_multipart"
        for value in form.values():
            if isinstance(value, web.FileField):
                return value.file.read(), "multipart"
        first = next(iter(form.values()), "")
        return (first.encode() if isinstance(first, str) else b""), "multipart"
    return await request.read(), "raw"
