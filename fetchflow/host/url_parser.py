"""The WHATWG URL Standard's URL records, basic URL parser and serializers
(https://url.spec.whatwg.org/#url-parsing).

One parser for everything that reads a URL: the ``URL`` class and its setters, ``fetch``
(fetchflow.host.urls) and the fetch policy.  Strings here are scalar values (Python str
without surrogates): JS strings are converted with ``usv_string`` first.
"""
from __future__ import annotations

from typing import List, Optional, Tuple, Union

from .url_host import (C0_CONTROL_SET, FORM_URLENCODED_SET, FRAGMENT_SET, PATH_SET, QUERY_SET,
                       SPECIAL_QUERY_SET, USERINFO_SET, HostError, host_parser, percent_decode,
                       percent_encode, utf8_decode_without_bom)

__all__ = ["URLRecord", "URLParseError", "basic_url_parser", "url_serializer", "url_origin",
           "SPECIAL_SCHEMES", "usv_string", "urlencoded_parser", "urlencoded_serializer",
           "url_path_serializer", "State"]

# special schemes and their default ports (URL 4.1, https://url.spec.whatwg.org/#special-scheme)
SPECIAL_SCHEMES = {"ftp": 21, "file": None, "http": 80, "https": 443, "ws": 80, "wss": 443}
_C0_OR_SPACE = "".join(chr(i) for i in range(0x21))
_ALPHA = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SCHEME_CHARS = _ALPHA | frozenset("0123456789+-.")
_DIGITS = frozenset("0123456789")
EOF = ""


class URLParseError(ValueError):
    """The basic URL parser returned failure."""


def usv_string(s: str) -> str:
    """A JS string (UTF-16 code units) as scalar values: surrogate pairs joined, lone
    surrogates replaced by U+FFFD (WebIDL USVString conversion)."""
    if s.isascii():
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


class URLRecord:
    """URL 4.1 URL record.  ``host`` is the serialized host or None; ``path`` a list of
    segments, or a str for an opaque path."""
    __slots__ = ("scheme", "username", "password", "host", "port", "path", "query", "fragment")

    def __init__(self) -> None:
        self.scheme = ""
        self.username = ""
        self.password = ""
        self.host: Optional[str] = None
        self.port: Optional[int] = None
        self.path: Union[List[str], str] = []
        self.query: Optional[str] = None
        self.fragment: Optional[str] = None

    def copy(self) -> "URLRecord":
        u = URLRecord()
        u.scheme, u.username, u.password, u.host, u.port = (self.scheme, self.username,
                                                          self.password, self.host, self.port)
        u.path = self.path if isinstance(self.path, str) else list(self.path)
        u.query, u.fragment = self.query, self.fragment
        return u

    def to_tuple(self) -> tuple:
        """Plain data for the state (the JS object keeps this in an internal slot)."""
        path = self.path if isinstance(self.path, str) else tuple(self.path)
        return (self.scheme, self.username, self.password, self.host, self.port, path,
                self.query, self.fragment)

    @classmethod
    def from_tuple(cls, t: tuple) -> "URLRecord":
        u = cls()
        (u.scheme, u.username, u.password, u.host, u.port, path, u.query, u.fragment) = t
        u.path = path if isinstance(path, str) else list(path)
        return u

    @property
    def is_special(self) -> bool:
        return self.scheme in SPECIAL_SCHEMES

    @property
    def has_opaque_path(self) -> bool:
        return isinstance(self.path, str)

    def includes_credentials(self) -> bool:
        return self.username != "" or self.password != ""

    def cannot_have_username_password_port(self) -> bool:
        return self.host is None or self.host == "" or self.scheme == "file"

    def shorten_path(self) -> None:
        """URL 4.1 shorten a URL's path."""
        path = self.path
        assert isinstance(path, list)
        if self.scheme == "file" and len(path) == 1 and _is_normalized_drive_letter(path[0]):
            return
        if path:
            path.pop()

    def default_port(self) -> Optional[int]:
        return SPECIAL_SCHEMES.get(self.scheme)

    def href(self, exclude_fragment: bool = False) -> str:
        return url_serializer(self, exclude_fragment)


def _is_drive_letter(s: str) -> bool:
    """URL 4.1 Windows drive letter: an ASCII alpha then ``:`` or ``|``."""
    return len(s) == 2 and s[0] in _ALPHA and s[1] in ":|"


def _is_normalized_drive_letter(s: str) -> bool:
    return len(s) == 2 and s[0] in _ALPHA and s[1] == ":"


def _starts_with_drive_letter(s: str) -> bool:
    """URL 4.1: a string starts with a Windows drive letter."""
    return len(s) >= 2 and _is_drive_letter(s[:2]) and (len(s) == 2 or s[2] in "/\\?#")


def _is_single_dot(s: str) -> bool:
    return s == "." or s.lower() == "%2e"


def _is_double_dot(s: str) -> bool:
    return s.lower() in ("..", ".%2e", "%2e.", "%2e%2e")


class State:
    """The basic URL parser's states (URL 4.4), as small ints."""
    SCHEME_START, SCHEME, NO_SCHEME, SPECIAL_RELATIVE_OR_AUTHORITY, PATH_OR_AUTHORITY, RELATIVE, \
        RELATIVE_SLASH, SPECIAL_AUTHORITY_SLASHES, SPECIAL_AUTHORITY_IGNORE_SLASHES, AUTHORITY, \
        HOST, HOSTNAME, PORT, FILE, FILE_SLASH, FILE_HOST, PATH_START, PATH, OPAQUE_PATH, QUERY, \
        FRAGMENT = range(21)


_TERMINATORS = frozenset(["", "/", "?", "#"])


def basic_url_parser(text: str, base: Optional[URLRecord] = None, url: Optional[URLRecord] = None,
                     state_override: Optional[int] = None) -> URLRecord:
    """URL 4.4 basic URL parser.  With ``url`` and ``state_override`` it modifies ``url``
    (the setters); returns the URL record, or raises URLParseError."""
    S = State
    if url is None:
        url = URLRecord()
        text = text.strip(_C0_OR_SPACE)
    if "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\t", "").replace("\n", "").replace("\r", "")
    state = state_override if state_override is not None else S.SCHEME_START
    buffer = ""
    at_sign_seen = inside_brackets = password_token_seen = False
    n = len(text)
    pointer = 0
    while True:
        c = text[pointer] if pointer < n else EOF
        if state == S.SCHEME_START:
            if c in _ALPHA and c:
                buffer += c.lower()
                state = S.SCHEME
            elif state_override is None:
                state = S.NO_SCHEME
                pointer -= 1
            else:
                raise URLParseError("scheme start")
        elif state == S.SCHEME:
            if c in _SCHEME_CHARS and c:
                buffer += c.lower()
            elif c == ":":
                if state_override is not None:
                    if (url.scheme in SPECIAL_SCHEMES) != (buffer in SPECIAL_SCHEMES):
                        return url
                    if (url.includes_credentials() or url.port is not None) and buffer == "file":
                        return url
                    if url.scheme == "file" and url.host == "":
                        return url
                url.scheme = buffer
                if state_override is not None:
                    if url.port is not None and url.port == url.default_port():
                        url.port = None
                    return url
                buffer = ""
                if url.scheme == "file":
                    state = S.FILE
                elif url.is_special and base is not None and base.scheme == url.scheme:
                    state = S.SPECIAL_RELATIVE_OR_AUTHORITY
                elif url.is_special:
                    state = S.SPECIAL_AUTHORITY_SLASHES
                elif text.startswith("/", pointer + 1):
                    state = S.PATH_OR_AUTHORITY
                    pointer += 1
                else:
                    url.path = ""
                    state = S.OPAQUE_PATH
            elif state_override is None:
                buffer = ""
                state = S.NO_SCHEME
                pointer = -1
            else:
                raise URLParseError("scheme")
        elif state == S.NO_SCHEME:
            if base is None or (base.has_opaque_path and c != "#"):
                raise URLParseError("missing-scheme-non-relative-URL")
            if base.has_opaque_path and c == "#":
                url.scheme, url.path, url.query = base.scheme, base.path, base.query
                url.fragment = ""
                state = S.FRAGMENT
            elif base.scheme != "file":
                state = S.RELATIVE
                pointer -= 1
            else:
                state = S.FILE
                pointer -= 1
        elif state == S.SPECIAL_RELATIVE_OR_AUTHORITY:
            if c == "/" and text.startswith("/", pointer + 1):
                state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES
                pointer += 1
            else:
                state = S.RELATIVE
                pointer -= 1
        elif state == S.PATH_OR_AUTHORITY:
            if c == "/":
                state = S.AUTHORITY
            else:
                state = S.PATH
                pointer -= 1
        elif state == S.RELATIVE:
            assert base is not None
            url.scheme = base.scheme
            if c == "/" or (url.is_special and c == "\\"):
                state = S.RELATIVE_SLASH
            else:
                url.username, url.password, url.host, url.port = (base.username, base.password,
                                                                  base.host, base.port)
                url.path = list(base.path)
                url.query = base.query
                if c == "?":
                    url.query = ""
                    state = S.QUERY
                elif c == "#":
                    url.fragment = ""
                    state = S.FRAGMENT
                elif c != EOF:
                    url.query = None
                    url.shorten_path()
                    state = S.PATH
                    pointer -= 1
        elif state == S.RELATIVE_SLASH:
            if url.is_special and c in ("/", "\\"):
                state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES
            elif c == "/":
                state = S.AUTHORITY
            else:
                assert base is not None
                url.username, url.password, url.host, url.port = (base.username, base.password,
                                                                  base.host, base.port)
                state = S.PATH
                pointer -= 1
        elif state == S.SPECIAL_AUTHORITY_SLASHES:
            if c == "/" and text.startswith("/", pointer + 1):
                pointer += 1
            else:
                pointer -= 1
            state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES
        elif state == S.SPECIAL_AUTHORITY_IGNORE_SLASHES:
            if c not in ("/", "\\"):
                state = S.AUTHORITY
                pointer -= 1
        elif state == S.AUTHORITY:
            if c == "@":
                if at_sign_seen:
                    buffer = "%40" + buffer
                at_sign_seen = True
                for cp in buffer:
                    if cp == ":" and not password_token_seen:
                        password_token_seen = True
                        continue
                    enc = percent_encode(cp, USERINFO_SET)
                    if password_token_seen:
                        url.password += enc
                    else:
                        url.username += enc
                buffer = ""
            elif c in _TERMINATORS or (url.is_special and c == "\\"):
                if at_sign_seen and buffer == "":
                    raise URLParseError("host-missing")
                pointer -= len(buffer) + 1
                buffer = ""
                state = S.HOST
            else:
                buffer += c
        elif state == S.HOST or state == S.HOSTNAME:
            if state_override is not None and url.scheme == "file":
                pointer -= 1
                state = S.FILE_HOST
            elif c == ":" and not inside_brackets:
                if buffer == "":
                    raise URLParseError("host-missing")
                if state_override == S.HOSTNAME:
                    raise URLParseError("hostname setter with a port")
                url.host = _host(buffer, not url.is_special)
                buffer = ""
                state = S.PORT
            elif c in _TERMINATORS or (url.is_special and c == "\\"):
                pointer -= 1
                if url.is_special and buffer == "":
                    raise URLParseError("host-missing")
                if state_override is not None and buffer == "" and \
                        (url.includes_credentials() or url.port is not None):
                    raise URLParseError("empty host with credentials or port")
                url.host = _host(buffer, not url.is_special)
                buffer = ""
                state = S.PATH_START
                if state_override is not None:
                    return url
            else:
                if c == "[":
                    inside_brackets = True
                elif c == "]":
                    inside_brackets = False
                buffer += c
        elif state == S.PORT:
            if c in _DIGITS and c:
                buffer += c
            elif c in _TERMINATORS or (url.is_special and c == "\\") or state_override is not None:
                if buffer != "":
                    port = int(buffer)
                    if port > 65535:
                        raise URLParseError("port-out-of-range")
                    url.port = None if port == url.default_port() else port
                    buffer = ""
                    if state_override is not None:
                        return url
                if state_override is not None:
                    raise URLParseError("port-invalid")
                state = S.PATH_START
                pointer -= 1
            else:
                raise URLParseError("port-invalid")
        elif state == S.FILE:
            url.scheme = "file"
            url.host = ""
            if c in ("/", "\\"):
                state = S.FILE_SLASH
            elif base is not None and base.scheme == "file":
                url.host = base.host
                url.path = list(base.path)
                url.query = base.query
                if c == "?":
                    url.query = ""
                    state = S.QUERY
                elif c == "#":
                    url.fragment = ""
                    state = S.FRAGMENT
                elif c != EOF:
                    url.query = None
                    if not _starts_with_drive_letter(text[pointer:]):
                        url.shorten_path()
                    else:
                        url.path = []
                    state = S.PATH
                    pointer -= 1
            else:
                state = S.PATH
                pointer -= 1
        elif state == S.FILE_SLASH:
            if c in ("/", "\\"):
                state = S.FILE_HOST
            else:
                if base is not None and base.scheme == "file":
                    url.host = base.host
                    if not _starts_with_drive_letter(text[pointer:]) and base.path and \
                            _is_normalized_drive_letter(base.path[0]):
                        assert isinstance(url.path, list)
                        url.path.append(base.path[0])
                state = S.PATH
                pointer -= 1
        elif state == S.FILE_HOST:
            if c in _TERMINATORS or c == "\\":
                pointer -= 1
                if state_override is None and _is_drive_letter(buffer):
                    state = S.PATH    # the drive letter quirk: buffer becomes the first segment
                elif buffer == "":
                    url.host = ""
                    if state_override is not None:
                        return url
                    state = S.PATH_START
                else:
                    host = _host(buffer, not url.is_special)
                    if host == "localhost":
                        host = ""
                    url.host = host
                    if state_override is not None:
                        return url
                    buffer = ""
                    state = S.PATH_START
            else:
                buffer += c
        elif state == S.PATH_START:
            if url.is_special:
                state = S.PATH
                if c not in ("/", "\\"):
                    pointer -= 1
            elif state_override is None and c == "?":
                url.query = ""
                state = S.QUERY
            elif state_override is None and c == "#":
                url.fragment = ""
                state = S.FRAGMENT
            elif c != EOF:
                state = S.PATH
                if c != "/":
                    pointer -= 1
            elif state_override is not None and url.host is None:
                assert isinstance(url.path, list)
                url.path.append("")
        elif state == S.PATH:
            slash = c == "/" or (url.is_special and c == "\\")
            if c == EOF or slash or (state_override is None and c in ("?", "#")):
                path = url.path
                assert isinstance(path, list)
                if _is_double_dot(buffer):
                    url.shorten_path()
                    if not slash:
                        path.append("")
                elif _is_single_dot(buffer) and not slash:
                    path.append("")
                elif not _is_single_dot(buffer):
                    if url.scheme == "file" and not path and _is_drive_letter(buffer):
                        buffer = buffer[0] + ":"
                    path.append(buffer)
                buffer = ""
                if c == "?":
                    url.query = ""
                    state = S.QUERY
                elif c == "#":
                    url.fragment = ""
                    state = S.FRAGMENT
            else:
                buffer += percent_encode(c, PATH_SET)
        elif state == S.OPAQUE_PATH:
            if c == "?":
                url.query = ""
                state = S.QUERY
            elif c == "#":
                url.fragment = ""
                state = S.FRAGMENT
            elif c == " ":
                nxt = text[pointer + 1] if pointer + 1 < n else EOF
                url.path += "%20" if nxt in ("?", "#") else " "   # type: ignore[operator]
            elif c != EOF:
                url.path += percent_encode(c, C0_CONTROL_SET)   # type: ignore[operator]
        elif state == S.QUERY:
            if (state_override is None and c == "#") or c == EOF:
                query_set = SPECIAL_QUERY_SET if url.is_special else QUERY_SET
                url.query = (url.query or "") + percent_encode(buffer, query_set)
                buffer = ""
                if c == "#":
                    url.fragment = ""
                    state = S.FRAGMENT
            else:
                buffer += c
        elif state == S.FRAGMENT:
            if c != EOF:
                url.fragment = (url.fragment or "") + percent_encode(c, FRAGMENT_SET)
        if c == EOF and pointer >= n:
            break
        pointer += 1
    return url


def _host(buffer: str, is_opaque: bool) -> str:
    try:
        return host_parser(buffer, is_opaque)
    except HostError as e:
        raise URLParseError(str(e)) from None


def url_path_serializer(url: URLRecord) -> str:
    """URL 4.5 URL path serializer."""
    if isinstance(url.path, str):
        return url.path
    return "".join("/" + seg for seg in url.path)


def url_serializer(url: URLRecord, exclude_fragment: bool = False) -> str:
    """URL 4.5 URL serializer."""
    out = [url.scheme, ":"]
    if url.host is not None:
        out.append("//")
        if url.includes_credentials():
            out.append(url.username)
            if url.password:
                out.append(":" + url.password)
            out.append("@")
        out.append(url.host)
        if url.port is not None:
            out.append(f":{url.port}")
    elif not url.has_opaque_path and len(url.path) > 1 and url.path[0] == "":
        out.append("/.")
    out.append(url_path_serializer(url))
    if url.query is not None:
        out.append("?" + url.query)
    if not exclude_fragment and url.fragment is not None:
        out.append("#" + url.fragment)
    return "".join(out)


def url_origin(url: URLRecord) -> str:
    """URL 4.7 origin, serialized (HTML's ASCII serialization of an origin)."""
    if url.scheme == "blob":
        try:
            path_url = basic_url_parser(url_path_serializer(url))
        except URLParseError:
            return "null"
        if path_url.scheme in ("http", "https"):
            return url_origin(path_url)
        return "null"
    if url.scheme in ("ftp", "http", "https", "ws", "wss"):
        port = "" if url.port is None else f":{url.port}"
        return f"{url.scheme}://{url.host}{port}"
    return "null"


# -- application/x-www-form-urlencoded (URL 5, https://url.spec.whatwg.org/#application/x-www-form-urlencoded)

def urlencoded_parser(text: str) -> List[Tuple[str, str]]:
    """URL 5.1 application/x-www-form-urlencoded parser (input: scalar values)."""
    out: List[Tuple[str, str]] = []
    for seq in text.split("&"):
        if not seq:
            continue
        name, _, value = seq.partition("=")
        name = utf8_decode_without_bom(percent_decode(name.replace("+", " ")))
        value = utf8_decode_without_bom(percent_decode(value.replace("+", " ")))
        out.append((name, value))
    return out


def urlencoded_serializer(pairs: List[Tuple[str, str]]) -> str:
    """URL 5.2 application/x-www-form-urlencoded serializer (UTF-8)."""
    return "&".join(percent_encode(usv_string(n), FORM_URLENCODED_SET, True) + "=" +
                    percent_encode(usv_string(v), FORM_URLENCODED_SET, True) for n, v in pairs)
