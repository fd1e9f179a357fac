"""The model of the workspace: users, channels (members, topic, pins, messages), user groups
and bookmarks. Pure data plus the rules that are about data (ids, ts, name checks); the Web
API handlers decide which Slack error a caller sees."""

from __future__ import annotations

import itertools
import re
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

BOT_USER_ID = "U0BOT0001"
BOT_ID = "B0BOT0001"
BOT_NAME = "siren"

MAX_MESSAGES_PER_CHANNEL = 5000
MAX_PINS = 100
MAX_BOOKMARKS = 100
MAX_CHANNEL_NAME = 80

_NAME_CHARS = re.compile(r"^[a-z0-9_-]+$")


def channel_name_error(name: str) -> str | None:
    """The Slack error for a bad channel name, or None (protocols.md §3.2)."""
    if name == "":
        return "invalid_name_required"
    if len(name) > MAX_CHANNEL_NAME:
        return "invalid_name_maxlength"
    if not _NAME_CHARS.match(name):
        return "invalid_name_specials"
    if not re.search(r"[a-z0-9]", name):
        return "invalid_name_punctuation"
    return None


class TsClock:
    """Message timestamps: "<secs>.<6 digits>", strictly increasing even within a microsecond."""

    def __init__(self) -> None:
        self._last_us = 0

    def next(self) -> str:
        now_us = time.time_ns() // 1000
        self._last_us = max(now_us, self._last_us + 1)
        return f"{self._last_us // 1_000_000}.{self._last_us % 1_000_000:06d}"


TS_PATTERN = re.compile(r"^\d{1,12}\.\d{6}$")
EMOJI_NAME = re.compile(r"^[a-z0-9_+\-']{1,100}$")  # a reaction's name, without colons


def ts_key(ts: str) -> tuple[int, int]:
    """A ts ("1610241741.000200", or a looser "1610241741.2" / "1610241741") as comparable
    (seconds, microseconds); ValueError for anything else."""
    whole, _, fraction = ts.strip().partition(".")
    if not whole.isdigit() or (fraction and not fraction.isdigit()) or len(fraction) > 6:
        raise ValueError(ts)
    return int(whole), int(fraction.ljust(6, "0") or 0)


@dataclass
class User:
    id: str
    name: str
    real_name: str = ""
    email: str | None = None
    tz: str = "UTC"
    is_bot: bool = False
    deleted: bool = False
    bot_id: str | None = None

    def to_api(self, team_id: str) -> dict[str, Any]:
        offset, label = _tz_offset(self.tz)
        profile: dict[str, Any] = {
            "real_name": self.real_name,
            "real_name_normalized": self.real_name,
            "display_name": self.name,
            "display_name_normalized": self.name,
            "team": team_id,
        }
        if self.email:
            profile["email"] = self.email
        if self.bot_id:
            profile["bot_id"] = self.bot_id
        return {
            "id": self.id, "team_id": team_id, "name": self.name, "real_name": self.real_name,
            "deleted": self.deleted, "tz": self.tz, "tz_label": label, "tz_offset": offset,
            "is_bot": self.is_bot, "is_app_user": False, "is_admin": False, "is_owner": False,
            "is_restricted": False, "is_ultra_restricted": False, "updated": 1700000000,
            "profile": profile,
        }


def _tz_offset(tz: str) -> tuple[int, str]:
    try:
        now = datetime.now(ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        return 0, tz
    offset = now.utcoffset()
    return int(offset.total_seconds()) if offset else 0, now.tzname() or tz


@dataclass
class Message:
    channel: str
    ts: str
    text: str
    user: str
    blocks: list[Any] | None = None
    attachments: list[Any] | None = None
    thread_ts: str | None = None
    subtype: str | None = None
    bot_id: str | None = None
    metadata: Any = None
    edited: dict[str, str] | None = None
    reactions: list[dict[str, Any]] = field(default_factory=list)
    reply_broadcast: bool = False
    files: list[dict[str, Any]] | None = None  # a file share (files.completeUploadExternal)
    upload: bool | None = None

    def to_api(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "message", "text": self.text, "user": self.user,
                               "ts": self.ts}
        optional = {
            "subtype": self.subtype, "bot_id": self.bot_id, "blocks": self.blocks,
            "attachments": self.attachments, "thread_ts": self.thread_ts,
            "metadata": self.metadata, "edited": self.edited, "reactions": self.reactions or None,
            "files": self.files, "upload": self.upload,
        }
        out.update({k: v for k, v in optional.items() if v is not None})
        return out


# extension → (filetype, mimetype, pretty_type), as Slack reports them
_FILE_TYPES = {
    "md": ("markdown", "text/markdown", "Markdown (raw)"),
    "txt": ("text", "text/plain", "Plain Text"),
    "json": ("json", "application/json", "JSON"),
    "csv": ("csv", "text/csv", "CSV"),
    "png": ("png", "image/png", "PNG"),
    "jpg": ("jpg", "image/jpeg", "JPEG"),
    "pdf": ("pdf", "application/pdf", "PDF"),
    "zip": ("zip", "application/zip", "Zip"),
}


@dataclass
class File:
    """An uploaded file: `pending` after files.getUploadURLExternal, `uploaded` once its bytes
    reached the upload URL, `complete` after files.completeUploadExternal (only then is it
    listed or shown)."""
    id: str
    name: str
    length: int  # as declared to files.getUploadURLExternal
    user: str
    upload_key: str
    created: int
    title: str = ""
    alt_txt: str | None = None
    snippet_type: str | None = None
    state: str = "pending"
    content: bytes = b""
    channels: list[str] = field(default_factory=list)

    def kind(self) -> tuple[str, str, str]:
        ext = self.name.rsplit(".", 1)[-1].lower() if "." in self.name else ""
        return _FILE_TYPES.get(ext, ("binary", "application/octet-stream", "Binary"))

    def to_api(self, team_id: str, team_domain: str,
               channels: dict[str, "Channel"]) -> dict[str, Any]:
        filetype, mimetype, pretty = self.kind()
        shared = [channels[c] for c in self.channels if c in channels]
        private_url = f"https://files.slack.com/files-pri/{team_id}-{self.id}/{self.name}"
        return {
            "id": self.id, "created": self.created, "timestamp": self.created, "name": self.name,
            "title": self.title or self.name, "mimetype": mimetype, "filetype": filetype,
            "pretty_type": pretty, "user": self.user, "user_team": team_id, "editable": False,
            "size": len(self.content), "mode": "hosted", "is_external": False,
            "external_type": "", "is_public": any(not c.is_private for c in shared),
            "public_url_shared": False, "display_as_bot": False, "username": "",
            "url_private": private_url, "url_private_download": private_url + "?download=1",
            "permalink": f"https://{team_domain}.slack.com/files/{self.user}/{self.id}/{self.name}",
            "channels": [c.id for c in shared if not c.is_private],
            "groups": [c.id for c in shared if c.is_private and not c.is_im],
            "ims": [c.id for c in shared if c.is_im], "comments_count": 0,
            "has_rich_preview": False, "file_access": "visible",
            **({"alt_txt": self.alt_txt} if self.alt_txt else {}),
        }

    def snapshot(self, team_id: str, team_domain: str,
                 channels: dict[str, "Channel"]) -> dict[str, Any]:
        return {**self.to_api(team_id, team_domain, channels), "state": self.state,
                "length": self.length, "snippet_type": self.snippet_type,
                "content": self.content.decode("utf-8", errors="replace")}


@dataclass
class Bookmark:
    id: str
    channel_id: str
    title: str
    link: str
    emoji: str | None
    type: str
    created: int
    created_by: str

    def to_api(self) -> dict[str, Any]:
        return {
            "id": self.id, "channel_id": self.channel_id, "title": self.title, "link": self.link,
            "emoji": self.emoji, "icon_url": None, "type": self.type, "entity_id": None,
            "date_created": self.created, "date_updated": 0, "rank": "U", "last_updated_by_user_id":
            self.created_by, "last_updated_by_team_id": "", "shortcut_id": None, "app_id": None,
        }


@dataclass
class Channel:
    id: str
    name: str
    creator: str
    created: int
    is_private: bool = False
    is_general: bool = False
    is_im: bool = False
    is_archived: bool = False
    members: list[str] = field(default_factory=list)
    topic: dict[str, Any] = field(default_factory=lambda: _blank_text())
    purpose: dict[str, Any] = field(default_factory=lambda: _blank_text())
    pins: list[str] = field(default_factory=list)
    messages: deque[Message] = field(default_factory=lambda: deque(maxlen=MAX_MESSAGES_PER_CHANNEL))
    bookmarks: list[Bookmark] = field(default_factory=list)
    previous_names: list[str] = field(default_factory=list)

    def message(self, ts: str) -> Message | None:
        return next((m for m in self.messages if m.ts == ts), None)

    def to_api(self, viewer: str = BOT_USER_ID, with_num_members: bool = False) -> dict[str, Any]:
        out = {
            "id": self.id, "name": self.name, "is_channel": not self.is_private,
            "is_group": self.is_private and not self.is_im, "is_im": self.is_im, "is_mpim": False,
            "is_private": self.is_private, "created": self.created, "creator": self.creator,
            "is_archived": self.is_archived, "is_general": self.is_general, "unlinked": 0,
            "name_normalized": self.name, "is_shared": False, "is_ext_shared": False,
            "is_org_shared": False, "pending_shared": [], "is_pending_ext_shared": False,
            "is_member": viewer in self.members, "topic": dict(self.topic),
            "purpose": dict(self.purpose), "previous_names": list(self.previous_names),
        }
        if with_num_members:
            out["num_members"] = len(self.members)
        return out

    def im_api(self, viewer: str = BOT_USER_ID) -> dict[str, Any]:
        """A DM the way conversations.list and conversations.open (return_im) show it: no
        name, topic or members, but the other person as `user`."""
        other = next((m for m in self.members if m != viewer), viewer)
        return {"id": self.id, "created": self.created, "is_im": True, "is_org_shared": False,
                "user": other, "is_user_deleted": False, "is_archived": self.is_archived,
                "is_open": True, "priority": 0}

    def snapshot(self) -> dict[str, Any]:
        """What the control API shows: the API shape plus everything a test asserts on."""
        return {
            **self.to_api(with_num_members=True),
            "members": list(self.members),
            "pins": list(self.pins),
            "messages": [m.to_api() for m in self.messages],
            "bookmarks": [b.to_api() for b in self.bookmarks],
        }


def _blank_text() -> dict[str, Any]:
    return {"value": "", "creator": "", "last_set": 0}


@dataclass
class Usergroup:
    id: str
    handle: str
    name: str
    users: list[str] = field(default_factory=list)
    description: str = ""
    created: int = 0
    updated: int = 0
    updated_by: str = ""

    def to_api(self, team_id: str, include_count: bool = True) -> dict[str, Any]:
        out = {
            "id": self.id, "team_id": team_id, "is_usergroup": True, "name": self.name,
            "description": self.description, "handle": self.handle, "is_external": False,
            "date_create": self.created, "date_update": self.updated, "date_delete": 0,
            "auto_type": None, "created_by": BOT_USER_ID, "updated_by": self.updated_by,
            "deleted_by": None, "prefs": {"channels": [], "groups": []}, "users": list(self.users),
        }
        if include_count:
            out["user_count"] = len(self.users)
        return out


class Workspace:
    def __init__(self, team_id: str, team_domain: str) -> None:
        self.team_id = team_id
        self.team_domain = team_domain
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self.usergroups: dict[str, Usergroup] = {}
        self.ephemeral: deque[dict[str, Any]] = deque(maxlen=MAX_MESSAGES_PER_CHANNEL)
        self.files: dict[str, File] = {}
        self.ts = TsClock()
        self._counters: dict[str, itertools.count] = {}
        self.add_user(User(BOT_USER_ID, BOT_NAME, "siren", is_bot=True, bot_id=BOT_ID))
        self.add_channel("general", creator=BOT_USER_ID, members=[], is_general=True)

    def new_id(self, prefix: str) -> str:
        counter = self._counters.setdefault(prefix, itertools.count(1))
        return f"{prefix}{next(counter):08X}"

    # users

    def add_user(self, user: User) -> User:
        self.users[user.id] = user
        return user

    def user_by_email(self, email: str) -> User | None:
        wanted = email.strip().lower()
        return next((u for u in self.users.values() if (u.email or "").lower() == wanted), None)

    # channels

    def channel_by_name(self, name: str) -> Channel | None:
        return next((c for c in self.channels.values() if c.name == name), None)

    def add_channel(self, name: str, creator: str, members: list[str], is_private: bool = False,
                    is_general: bool = False, channel_id: str | None = None) -> Channel:
        cid = channel_id or self.new_id("G" if is_private else "C")
        channel = Channel(cid, name, creator, int(time.time()), is_private=is_private,
                          is_general=is_general, members=list(dict.fromkeys(members)))
        self.channels[cid] = channel
        return channel

    def existing_direct_messages(self, user: str) -> Channel | None:
        """The bot's DM with a person if it was opened already (conversations.open says
        `already_open` for it)."""
        return next((c for c in self.channels.values()
                     if c.is_im and c.members == [BOT_USER_ID, user]), None)

    def direct_messages_with(self, user: str) -> Channel:
        """The bot's DM with a person (Slack's App Home messages), opened on first use."""
        existing = self.existing_direct_messages(user)
        if existing is not None:
            return existing
        channel = self.add_channel(user, creator=BOT_USER_ID, members=[BOT_USER_ID, user],
                                   is_private=True, channel_id=self.new_id("D"))
        channel.is_im = True
        return channel

    @staticmethod
    def react(message: Message, user: str, name: str) -> bool:
        """Adds `user`'s reaction `name`; False when they had already added it."""
        reaction = next((r for r in message.reactions if r["name"] == name), None)
        if reaction is None:
            reaction = {"name": name, "users": [], "count": 0}
            message.reactions.append(reaction)
        if user in reaction["users"]:
            return False
        reaction["users"].append(user)
        reaction["count"] = len(reaction["users"])
        return True

    def post(self, channel: Channel, text: str, user: str = BOT_USER_ID, **fields: Any) -> Message:
        message = Message(channel=channel.id, ts=self.ts.next(), text=text, user=user, **fields)
        channel.messages.append(message)
        return message

    def set_text_field(self, channel: Channel, which: str, value: str, by: str) -> None:
        """Sets topic or purpose, and leaves the system message Slack posts for it."""
        setattr(channel, which, {"value": value, "creator": by, "last_set": int(time.time())})
        verb = "topic" if which == "topic" else "purpose"
        self.post(channel, f"set the channel {verb}: {value}", user=by, subtype=f"channel_{verb}")

    # user groups

    def add_usergroup(self, handle: str, name: str, users: list[str],
                      group_id: str | None = None) -> Usergroup:
        now = int(time.time())
        group = Usergroup(group_id or self.new_id("S"), handle, name, list(users),
                          created=now, updated=now)
        self.usergroups[group.id] = group
        return group

    def snapshot(self) -> dict[str, Any]:
        return {
            "team_id": self.team_id,
            "bot_user_id": BOT_USER_ID,
            "users": [u.to_api(self.team_id) | {"email": u.email} for u in self.users.values()],
            "channels": [c.snapshot() for c in self.channels.values()],
            "usergroups": [g.to_api(self.team_id) for g in self.usergroups.values()],
            "ephemeral": list(self.ephemeral),
            "files": [f.snapshot(self.team_id, self.team_domain, self.channels)
                      for f in self.files.values()],
        }
